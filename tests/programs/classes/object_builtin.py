o = object()
print(type(o).__name__, isinstance(o, object), isinstance(1, object))
class A:
    pass
print(isinstance(A(), object), isinstance('s', object))
print(o == o, o != object())
