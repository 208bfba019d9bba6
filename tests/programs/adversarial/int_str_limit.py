try:
    s = str(10 ** 5000)
except ValueError as e:
    print('ValueError:', e)
try:
    int('7' * 5000)
except ValueError as e:
    print('ValueError:', e)
ok = str(10 ** 4299)
print(len(ok))
try:
    str(10 ** 4300)
except ValueError as e:
    print('ValueError at 4301 digits')
print(len(str(int('9' * 4300))))
big = 2 ** 100000
print(big % 1000000007, big // 2 ** 99990, big > 10 ** 30000)
