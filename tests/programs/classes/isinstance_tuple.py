class A: pass
class B(A): pass
class C: pass
b = B()
print(isinstance(b, (C, A)), isinstance(b, (C,)), isinstance(1, (str, int)))
print(isinstance(True, int), isinstance(1, bool), isinstance([], list), isinstance((), tuple))
print(isinstance({}, dict), isinstance('', str), isinstance(1.0, float), isinstance(None, object))
