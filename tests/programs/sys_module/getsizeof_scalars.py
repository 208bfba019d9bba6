import sys
print(sys.getsizeof(None), sys.getsizeof(True), sys.getsizeof(False))
for n in (0, 1, -1, 2 ** 30 - 1, 2 ** 30, -(2 ** 30), 2 ** 60 - 1, 2 ** 60, 2 ** 90, 10 ** 100):
    print(n if n < 10 ** 20 else 'big', sys.getsizeof(n))
print(sys.getsizeof(1.0), sys.getsizeof(-2.5e300), sys.getsizeof(float('inf')))
