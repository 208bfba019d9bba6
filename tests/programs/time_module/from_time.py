from time import perf_counter, time
a = perf_counter()
b = perf_counter()
print(b >= a, time() > 0)
