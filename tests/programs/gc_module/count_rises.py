import gc
gc.disable()
gc.collect()
base = gc.get_count()[0]
keep = [[] for _ in range(300)]
grown = gc.get_count()[0] - base
print(grown >= 300, grown < 320)
keep2 = [{} for _ in range(100)]
print(gc.get_count()[0] - base >= 400)
n = gc.get_count()[0]
x = 12345 * 6789
s = 'abc' * 3
print(gc.get_count()[0] - n <= 1)
gc.collect()
print(gc.get_count())
