a = 10
b = 5 + 5
print(a is b)
x = int('256')
y = 255 + 1
print(x is y)
p = int('257')
q = 256 + int('1')
print(p is q, p == q)
n = -5
m = int('-5')
print(n is m)
o = int('-6')
r = -3 - 3
print(o is r)
lst = [i for i in range(300)]
lst2 = [int(str(i)) for i in range(300)]
print(sum(1 for i in range(300) if lst[i] is lst2[i]))
