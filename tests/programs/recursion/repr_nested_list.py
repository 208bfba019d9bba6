l = []
for i in range(100000):
    l = [l]
try:
    repr(l)
except RecursionError as e:
    print('RecursionError:', e)
try:
    str(l)
except RecursionError as e:
    print('RecursionError:', e)
print('still alive')
