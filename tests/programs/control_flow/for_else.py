for x in [1, 3, 5]:
    if x % 2 == 0:
        print('found even', x)
        break
else:
    print('no even number')
for x in [1, 4, 5]:
    if x % 2 == 0:
        print('found even', x)
        break
else:
    print('not printed')
for x in []:
    print('never')
else:
    print('else of empty for')
