def numbers(n):
    for i in range(n):
        yield i
def evens(src):
    for x in src:
        if x % 2 == 0:
            yield x
def squared(src):
    for x in src:
        yield x * x
print(list(squared(evens(numbers(10)))))
print(sum(squared(numbers(100))))
