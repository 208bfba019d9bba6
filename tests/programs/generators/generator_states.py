def g():
    x = yield 1
    print('resumed with', x)
    yield 2
it = g()
print(next(it))
print(next(it))
print(next(it, 'exhausted'))
print(next(it, 'still exhausted'))
def counter(n):
    i = 0
    while i < n:
        yield i
        i += 1
print(list(counter(0)), list(counter(4)), sum(counter(101)))
gens = [counter(3), counter(2)]
print([list(x) for x in gens])
