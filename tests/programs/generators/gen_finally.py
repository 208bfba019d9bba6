def g():
    try:
        yield 1
        yield 2
    finally:
        print('cleanup')
for v in g():
    print(v)
it = g()
print(next(it))
del it
print('after del')
