for i in range(3):
    pass
print(i)
for k in []:
    pass
x = [i for i in range(10)]
print(i)
total = 0
for n in range(1, 11):
    total += n
print(total, n)
