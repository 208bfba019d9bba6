import sys
print(sys.getrecursionlimit())
sys.setrecursionlimit(2000)
print(sys.getrecursionlimit())
sys.setrecursionlimit(50)
print(sys.getrecursionlimit())
for bad in (0, -5):
    try:
        sys.setrecursionlimit(bad)
    except ValueError as e:
        print('ValueError:', e)
try:
    sys.setrecursionlimit(1.5)
except TypeError as e:
    print('TypeError:', e)
try:
    sys.setrecursionlimit(2 ** 31)
except OverflowError as e:
    print('OverflowError:', e)
print(sys.getrecursionlimit())
