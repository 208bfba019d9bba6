import sys
a = ''.join(['hello', '_', 'there'])
b = ''.join(['hello', '_', 'there'])
print(a == b, a is b)
ia = sys.intern(a)
ib = sys.intern(b)
print(ia is ib, ia is a, ib is b)
lit = 'hello_there'
print(sys.intern(lit) is lit)
c = ''.join(['sp', 'ace here'])
d = ' '.join(['space', 'here'])
print(c is d, sys.intern(c) is sys.intern(d))
try:
    sys.intern(5)
except TypeError as e:
    print('TypeError:', e)
