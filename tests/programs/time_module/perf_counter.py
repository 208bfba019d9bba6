import time
t0 = time.perf_counter()
s = 0
for i in range(10000):
    s += i
t1 = time.perf_counter()
print(type(t0).__name__, t1 >= t0, t1 - t0 < 10, s)
now = time.time()
print(type(now).__name__, now > 1600000000.0)
