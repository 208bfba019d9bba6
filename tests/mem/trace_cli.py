# args: --trace=alloc,free,gc,ids --trace-type=list
import gc
gc.freeze()     # what exists so far is left out of the collections below
a = [1, 2]
b = a
del a
print("a deleted")
del b
print("b deleted")
c = [[]]
c[0].append(c)
del c
print("cycle made")
gc.collect()
print("collected")
