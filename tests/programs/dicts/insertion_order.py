d = {}
for k in ['z', 'a', 'm', 'b']:
    d[k] = len(d)
print(d)
del d['a']
d['a'] = 99
print(d, list(d))
d['z'] = -1
print(d)
for k in d:
    print(k, d[k])
