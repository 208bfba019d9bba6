import gc
print(gc.collect())
a = []
a.append(a)
del a
print(gc.collect())
b = {}
b['b'] = b
del b
print(gc.collect())
x = [1, 2]
y = [x]
x.append(y)
del x
print(gc.collect())
del y
print(gc.collect())
