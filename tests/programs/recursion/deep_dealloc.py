l = []
for i in range(500000):
    l = [l]
del l
print('list chain freed')
d = None
for i in range(200000):
    d = {'next': d}
del d
print('dict chain freed')
t = ()
for i in range(200000):
    t = (t, i)
t = None
print('tuple chain freed')
class Node:
    pass
head = None
for i in range(100000):
    n = Node()
    n.next = head
    head = n
head = None
print('instance chain freed')
