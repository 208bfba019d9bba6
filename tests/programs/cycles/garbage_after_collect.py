import gc
gc.collect()
class Node:
    def __init__(self):
        self.peers = []
def mesh(n):
    nodes = [Node() for _ in range(n)]
    for x in nodes:
        for y in nodes:
            x.peers.append(y)
mesh(3)
n = gc.collect()
print(n >= 6)
print(gc.collect())
