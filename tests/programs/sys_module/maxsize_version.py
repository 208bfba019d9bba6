import sys
print(sys.maxsize, sys.maxsize == 2 ** 63 - 1, type(sys.maxsize).__name__)
print(-sys.maxsize - 1)
print(type(sys.version).__name__, len(sys.version) > 0)
