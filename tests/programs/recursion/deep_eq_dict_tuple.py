d1 = {}
d2 = {}
for i in range(20000):
    d1 = {'k': d1}
    d2 = {'k': d2}
try:
    print(d1 == d2)
except RecursionError as e:
    print('RecursionError:', e)
t1 = ()
t2 = ()
for i in range(20000):
    t1 = (t1,)
    t2 = (t2,)
try:
    print(t1 == t2)
except RecursionError as e:
    print('RecursionError:', e)
print(hash(t1) == hash(t2))
