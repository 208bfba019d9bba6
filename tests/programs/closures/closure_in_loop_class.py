def make_adders(n):
    return [lambda x, k=k: x + k for k in range(n)]
print([f(100) for f in make_adders(4)])
def memo(f):
    cache = {}
    def wrapper(n):
        if n not in cache:
            cache[n] = f(n)
        return cache[n]
    return wrapper
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
fib = memo(fib)
print(fib(80))
