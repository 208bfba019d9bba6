d = {}
for i in range(1000):
    d[i * 7] = i
print(len(d), d[6993], d.get(5), sum(d.values()))
for i in range(0, 1000, 2):
    del d[i * 7]
print(len(d), list(d)[:5], list(d)[-3:])
s = {}
for i in range(200):
    s['k' + str(i)] = i
print(len(s), s['k150'], list(s)[197:])
