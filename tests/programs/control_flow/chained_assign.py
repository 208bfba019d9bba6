a = b = c = [1]
print(a is b is c)
a.append(2)
print(c)
x = y = 5
x += 1
print(x, y)
d = {}
d['k'] = e = 'val'
print(d, e)
