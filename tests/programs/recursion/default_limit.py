import sys
depth = 0
def f():
    global depth
    depth += 1
    f()
try:
    f()
except RecursionError as e:
    print('RecursionError:', e)
print(depth, sys.getrecursionlimit())
depth = 0
try:
    f()
except RecursionError:
    print('again', depth)
