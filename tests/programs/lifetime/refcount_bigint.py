import sys
n = int('12345678901')
print(sys.getrefcount(n))
print(sys.getrefcount(n + 1))
m = n * 10
k = m
print(sys.getrefcount(m))
l = [m, m]
print(sys.getrefcount(m))
del l, k
print(sys.getrefcount(m))
