a = int('256')
b = int('256')
print(a is b)
c = int('257')
d = int('257')
print(c is d, c == d)
e = int('-5'); f = int('-5'); print(e is f)
g = int('-6'); h = int('-6'); print(g is h)
x = 200 + 56
print(x is int('256'))
y = 0
for i in range(100):
    y += 1
print(y is int('100'))
