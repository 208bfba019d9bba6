l = list(range(200000))
print(len(l), l[-1], sum(l))
d = {}
for i in range(100000):
    d[str(i)] = i
print(len(d), d['99999'])
s = 'ab' * 100000
print(len(s), s[-3:])
t = tuple(l)
print(len(t), t[100000])
del l, d, s, t
print('freed')
