l = [1]
l.append(l)
print(l, repr(l), str(l))
d = {'a': 1}
d['self'] = d
print(d)
m = []
m.append([m, {'m': m}])
print(m)
t = ([],)
t[0].append(t)
print(t)
a = []
b = [a]
a.append(b)
print(a, b)
print(len(l), l[1] is l, l == l)
