# Keys chosen to share the low 10 bits of their hash (one start slot in
# a table of up to 1024 entries): a dict of them still works.  The hash
# values are the seed's (MINIPYHASHSEED / PYTHONHASHSEED = 0 here); the
# C test checks that another seed scatters the same keys.
target = hash("k0") & 1023
keys = []
i = 0
while len(keys) < 40:
    k = "k%d" % i
    if hash(k) & 1023 == target:
        keys.append(k)
    i += 1
print(len(keys), len({hash(k) & 1023: 1 for k in keys}))
d = {}
for n, k in enumerate(keys):
    d[k] = n
print(len(d), all(d[k] == n for n, k in enumerate(keys)))
for k in keys[::2]:
    del d[k]
print(len(d), sorted(d.values())[:5], keys[0] in d, keys[1] in d)
s = dict.fromkeys(keys)
print(len(s), all(k in s for k in keys), "k-1" in s)
