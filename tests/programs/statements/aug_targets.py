class C:
    pass
c = C()
c.n = 1
c.n += 10
d = {'k': [1]}
d['k'] += [2]
d['k'][0] *= 50
l = [1, 2]
l[1] **= 5
print(c.n, d, l)
s = {'x': 'a'}
s['x'] += 'b'
print(s)
