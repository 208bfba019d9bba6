import gc
st = gc.get_stats()
print(type(st).__name__, len(st))
for s in st:
    print(sorted(s), [type(v).__name__ for v in s.values()])
marker = ['unique marker list']
big = 12345 * 1000
objs = gc.get_objects()
print(any(o is marker for o in objs), any(o is big for o in objs))
gc.collect()
after = gc.get_stats()
print(after[2]['collections'] >= st[2]['collections'] + 1)
