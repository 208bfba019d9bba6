d = {'a': 1}
try:
    d.pop('missing')
except KeyError as e:
    print('KeyError', e.args)
try:
    d['nope']
except KeyError as e:
    print(repr(e), e.args)
try:
    d[[1]] = 2
except TypeError as e:
    print(e)
