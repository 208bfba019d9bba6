# l[i] and l[i] = v on lists: negative and bool indices, out-of-range
# errors, a __del__ that runs during the store, and a list subclass.
l = [1, 2, 3]
print(l[0], l[-1], l[-3], l[True])
l[-1] = 9; l[0] = 7; l[False] = 5
print(l)
for bad in (3, -4, 2**40, -2**40):
    try:
        l[bad]
    except IndexError as e:
        print('get', e)
    try:
        l[bad] = 0
    except IndexError as e:
        print('set', e)
class D:
    def __del__(self):
        l.append('x')
l[1] = D()
l[1] = 4
print(l)
class L(list):
    def __getitem__(self, i):
        return 'sub'
print(L([1])[0])
