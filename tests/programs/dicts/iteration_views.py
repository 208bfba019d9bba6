d = {'x': 1, 'y': 2}
for k, v in d.items():
    print(k, v)
ks = d.keys()
d['z'] = 3
print(list(ks), len(ks), 'z' in ks)
print(sorted(d.values()), sum(d.values()))
print([k * v for k, v in d.items()])
