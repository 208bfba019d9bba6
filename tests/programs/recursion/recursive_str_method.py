class Node:
    def __init__(self, child):
        self.child = child
    def __repr__(self):
        return 'Node(' + repr(self.child) + ')'
n = None
for i in range(100):
    n = Node(n)
print(repr(n)[:30], len(repr(n)))
for i in range(2000):
    n = Node(n)
try:
    repr(n)
except RecursionError as e:
    print('RecursionError:', e)
print('ok')
