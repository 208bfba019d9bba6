t = (1, 2, 3)
print(t, (), (1,), ((1,),), (1, (2, (3,))))
u = 1, 2
print(u, type(u).__name__)
print((1))
print(('a',) * 3)
e = ()
print(len(e), e == ())
