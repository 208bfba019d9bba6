import sys
print(sys.getsizeof(()), sys.getsizeof((1,)), sys.getsizeof((1, 2, 3)), sys.getsizeof(tuple(range(10))))
print(sys.getsizeof({}), sys.getsizeof({'a': 1}), sys.getsizeof({1: 1}))
d = {}
sizes = []
for i in range(25):
    d['k' + str(i)] = i
    sizes.append(sys.getsizeof(d))
print(sizes)
e = {}
sizes = []
for i in range(25):
    e[i] = i
    sizes.append(sys.getsizeof(e))
print(sizes)
for k in list(d):
    del d[k]
print(sys.getsizeof(d))
d.clear()
print(sys.getsizeof(d))
