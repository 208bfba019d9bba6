try:
    g = (x for x in undefined_iterable)
except NameError as e:
    print('NameError at creation:', e)
g = (1 // x for x in [1, 0, 2])
print(next(g))
try:
    next(g)
except ZeroDivisionError as e:
    print('ZeroDivisionError:', e)
print(next(g, 'exhausted after error'))
def gen():
    yield 1
    raise KeyError('inside')
it = gen()
print(next(it))
try:
    next(it)
except KeyError as e:
    print('KeyError:', e)
print(list(it))
try:
    (x for x in 5)
except TypeError as e:
    print('TypeError:', e)
