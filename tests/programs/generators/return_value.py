def g():
    yield 'a'
    return 'result'
it = g()
print(next(it))
try:
    next(it)
except StopIteration as e:
    print('stop with', e.args)
