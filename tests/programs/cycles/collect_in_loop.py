import gc
gc.collect()
gc.disable()
totals = []
for round_ in range(5):
    a = None
    for i in range(round_ * 10):
        a = [i]
        a.append(a)
    del a
    totals.append(gc.collect())
print(totals)
gc.enable()
