def f(n):
    try:
        return f(n + 1)
    except RecursionError:
        return n
d = f(0)
print(d > 900, d < 1000)
