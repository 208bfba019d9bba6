import gc
gc.collect()
a = []
a.append(a)
print(gc.collect())
holder = [[]]
holder[0].append(holder)
print(gc.collect())
print(len(a), a[0] is a, holder[0][0] is holder)
del holder
print(gc.collect())
