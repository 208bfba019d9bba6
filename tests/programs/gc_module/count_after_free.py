import gc
gc.disable()
gc.collect()
start = gc.get_count()[0]
lst = [[] for _ in range(500)]
mid = gc.get_count()[0]
del lst
end = gc.get_count()[0]
print(mid - start >= 500, end < mid, end >= start)
gc.collect()
print(gc.get_count())
gc.collect(1)
print(gc.get_count())
gc.collect(0)
gc.collect(0)
print(gc.get_count())
