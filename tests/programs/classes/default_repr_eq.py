class N:
    pass
a = N(); b = N()
print(a == a, a == b, a != b, a is a)
print(repr(a).startswith('<__main__.N object at 0x'), str(b)[:14])
print(hash(a) == hash(a))
