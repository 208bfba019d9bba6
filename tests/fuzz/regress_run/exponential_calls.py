def f(n):
    return f(n - 1) + f(n - 1) if n else 0
f(80)
