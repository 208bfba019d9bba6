l = []
for i in range(30):
    l.append(i)
print(l[-5:], len(l))
while len(l) > 3:
    l.pop()
print(l)
l.extend(range(100))
print(len(l), sum(l))
