a = [1, [2, 3]]
b = a.copy()
print(a == b, a is b, a[1] is b[1])
b[1].append(4)
b.append(5)
print(a, b)
a.clear()
print(a, b, len(a))
c = b[:]
print(c == b, c is b)
