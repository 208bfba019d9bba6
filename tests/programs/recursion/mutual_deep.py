import sys
sys.setrecursionlimit(5000)
def even(n):
    return True if n == 0 else odd(n - 1)
def odd(n):
    return False if n == 0 else even(n - 1)
print(even(4000), odd(3001))
try:
    even(6000)
except RecursionError as e:
    print('RecursionError:', e)
