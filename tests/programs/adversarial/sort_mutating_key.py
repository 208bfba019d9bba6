l = [3, 1, 2]
try:
    l.sort(key=lambda x: l.append(x) or x)
except ValueError as e:
    print('ValueError:', e)
print(l)
m = [5, 4, 3]
def key(x):
    m.clear()
    return x
try:
    m.sort(key=key)
except ValueError as e:
    print('ValueError:', e)
print(m)
n = [3, 2, 1]
n.sort(key=lambda x: -x)
print(n)
