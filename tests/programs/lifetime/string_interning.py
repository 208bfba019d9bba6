import sys
a = 'hello_world'
def f():
    return 'hello_world'
print(a is f())
b = ''.join(['hello_', 'world'])
print(a == b, a is b, sys.intern(b) is a)
c = 'hello world!'
d = ''.join(['hello ', 'world!'])
print(c is d, sys.intern(d) is sys.intern(c))
class K:
    attr_name = 1
k = K()
setattr(k, ''.join(['dyn', 'amic']), 2)
print(k.dynamic, getattr(k, 'attr_name'))
