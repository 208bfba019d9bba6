import gc
gc.collect()
def build(n):
    for i in range(n):
        a = [i]
        b = {'a': a}
        a.append(b)
build(1)
print(gc.collect())
build(5)
print(gc.collect())
build(100)
print(gc.collect())
print(gc.collect())
