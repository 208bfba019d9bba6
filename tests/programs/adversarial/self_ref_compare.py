a = []
a.append(a)
b = []
b.append(b)
print(a == a, a[0] is a)
try:
    print(a == b)
except RecursionError as e:
    print('RecursionError:', e)
print('ok')
