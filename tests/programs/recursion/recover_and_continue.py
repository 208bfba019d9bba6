def f(n):
    return f(n + 1)
for attempt in range(3):
    try:
        f(0)
    except RecursionError:
        print('attempt', attempt, 'RecursionError')
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
print(len(str(fact(900))))
