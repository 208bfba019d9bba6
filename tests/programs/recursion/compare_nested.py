a = []
b = []
for i in range(50000):
    a = [a]
    b = [b]
try:
    print(a == b)
except RecursionError as e:
    print('RecursionError:', e)
c = []
d = []
for i in range(100):
    c = [c]
    d = [d]
print(c == d, c < d)
