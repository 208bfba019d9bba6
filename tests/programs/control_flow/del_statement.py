x = 1
y = [1, 2, 3]
z = {'a': 1, 'b': 2}
class O:
    pass
o = O()
o.attr = 5
del x
del y[0], z['a']
del o.attr
print(y, z, hasattr(o, 'attr'))
try:
    print(x)
except NameError as e:
    print('NameError:', e)
a, b = 1, 2
del a, b
try:
    print(a)
except NameError as e:
    print('NameError:', e)
