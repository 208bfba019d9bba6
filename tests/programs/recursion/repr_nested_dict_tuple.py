d = {}
for i in range(50000):
    d = {'k': d}
try:
    repr(d)
except RecursionError as e:
    print('dict:', e)
t = ()
for i in range(50000):
    t = (t,)
try:
    repr(t)
except RecursionError as e:
    print('tuple:', e)
print('done')
