class O:
    pass
o = O()
d = {}
l = [0, 0, 0]
o.a, d['k'], l[1] = 'attr', 'item', 'slot'
print(o.a, d, l)
l[0], l[2] = l[2], l[0]
print(l)
o.x = o.y = 5
print(o.x, o.y)
d['p'], (l[0], o.z) = 1, (2, 3)
print(d, l, o.z)
i = 0
l = [10, 20, 30]
i, l[i] = 1, 99
print(i, l)
