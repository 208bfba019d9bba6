class A:
    x = 1
a = A()
print(hasattr(a, 'x'), hasattr(a, 'y'), getattr(a, 'x'), getattr(a, 'y', None))
setattr(a, 'y', 5)
print(a.y, getattr(a, 'y'), A.x)
setattr(A, 'z', 'cls')
print(a.z)
print(hasattr([], 'append'), hasattr('', 'nope'), getattr('abc', 'upper')())
try:
    getattr(a, 'missing')
except AttributeError as e:
    print('AttributeError:', e)
