import sys
l = []
prev = sys.getsizeof(l)
print(0, prev)
for i in range(1, 200):
    l.append(i)
    s = sys.getsizeof(l)
    if s != prev:
        print(len(l), s)
        prev = s
while l:
    l.pop()
    s = sys.getsizeof(l)
    if s != prev:
        print('pop', len(l), s)
        prev = s
