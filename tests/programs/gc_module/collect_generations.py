import gc
gc.disable()
gc.collect()
print(gc.get_count())
gc.collect(0)
print(gc.get_count())
gc.collect(0)
print(gc.get_count())
gc.collect(1)
print(gc.get_count())
gc.collect(2)
print(gc.get_count())
for g in (-1, 3):
    try:
        gc.collect(g)
    except ValueError as e:
        print('ValueError:', e)
