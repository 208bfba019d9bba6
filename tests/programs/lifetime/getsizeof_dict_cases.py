import sys
d = {}
for i in range(10):
    d['k' + str(i)] = i
print(sys.getsizeof(d))
for i in range(10):
    del d['k' + str(i)]
print(sys.getsizeof(d))
e = {'a': 1}
e[1] = 1
print(sys.getsizeof(e))
f = {}
for i in range(5):
    f['x' + str(i)] = i
for i in range(3):
    del f['x' + str(i)]
print(sys.getsizeof(f), sys.getsizeof(f.copy()), sys.getsizeof(dict(f)))
f['new'] = 1
print(sys.getsizeof(f))
g = {'a': 1, 'b': 2, 'c': 3, 'd': 4, 'e': 5, 'f': 6}
print(sys.getsizeof(g))
h = {'a': 1, 'b': 2, 'c': 3, 'd': 4, 'e': 5}
print(sys.getsizeof(h), sys.getsizeof(h.copy()))
h.clear()
print(sys.getsizeof(h))
