import sys
depth = 0
def f():
    global depth
    depth += 1
    f()
for limit in (50, 100, 1000, 3000, 10000, 200):
    sys.setrecursionlimit(limit)
    depth = 0
    try:
        f()
    except RecursionError as e:
        print(limit, depth, e)
