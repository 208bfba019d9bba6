class Node:
    def __init__(self, val, nxt=None):
        self.val = val
        self.nxt = nxt
class LinkedList:
    def __init__(self):
        self.head = None
        self.size = 0
    def push(self, v):
        self.head = Node(v, self.head)
        self.size += 1
    def __len__(self):
        return self.size
    def __repr__(self):
        out = []
        n = self.head
        while n is not None:
            out.append(repr(n.val))
            n = n.nxt
        return 'LL[' + ' -> '.join(out) + ']'
ll = LinkedList()
for x in (1, 'two', 3.0):
    ll.push(x)
print(ll, len(ll))
