from sys import getrefcount, getsizeof, maxsize
from gc import collect, is_tracked
import time
print(getsizeof([]), maxsize > 0)
a = []
print(getrefcount(a), is_tracked(a), is_tracked(5))
collect()
print(collect())
t = time.perf_counter()
print(type(t).__name__)
