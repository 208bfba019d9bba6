t = (1, 2, 3)
u = t
t += (4,)
print(t, u, t is u)
e1 = tuple()
e2 = ()
print(e1 is e2, len(e1))
v = tuple(t)
print(v is t)
