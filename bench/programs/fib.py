# Recursive Fibonacci: the cost of Python-to-Python calls, argument
# passing, comparisons and small-int arithmetic.
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


print(fib(33))
