print(isinstance(1, int), isinstance(1, float), isinstance(1.0, (int, float)))
print(isinstance('s', str), isinstance([], (tuple, list)), isinstance({}, dict))
print(isinstance(None, object), isinstance(range(1), range), isinstance(print, object))
class A: pass
class B(A): pass
print(isinstance(B(), A), isinstance(A(), B))
