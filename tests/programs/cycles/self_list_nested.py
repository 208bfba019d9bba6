import gc
gc.collect()
def deep_cycle(n):
    head = []
    cur = head
    for i in range(n):
        nxt = []
        cur.append(nxt)
        cur = nxt
    cur.append(head)
deep_cycle(10)
print(gc.collect())
deep_cycle(1000)
print(gc.collect())
