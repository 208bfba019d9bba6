a = 'abc'
b = 'ab' + 'c'
print(a == b, a < 'abd', a > 'ab', 'B' < 'a', a != b)
print(a + b, a * 2, (a + '!') * 0)
parts = []
for i in range(5):
    parts.append(str(i) * i)
print(parts, ''.join(parts))
print(sorted(['banana', 'Apple', 'cherry', 'apple']))
