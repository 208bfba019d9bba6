import sys
def nest(k, limit):
    if k:
        return nest(k - 1, limit)
    try:
        sys.setrecursionlimit(limit)
        return 'set ' + str(limit)
    except RecursionError as e:
        return 'RecursionError: ' + str(e)
print(nest(10, 5))
print(nest(10, 13))
print(nest(10, 14))
print(nest(3, 1000))
print(sys.getrecursionlimit())
