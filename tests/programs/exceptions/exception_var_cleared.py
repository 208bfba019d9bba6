try:
    raise ValueError('x')
except ValueError as err:
    print('in handler', err)
try:
    err
except NameError as e:
    print('NameError after except:', e)
