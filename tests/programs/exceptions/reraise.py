def inner():
    try:
        raise KeyError('k')
    except KeyError:
        print('inner handler')
        raise
try:
    inner()
except KeyError as e:
    print('outer got', repr(e))
try:
    try:
        raise ValueError('v')
    except ValueError as e:
        raise e
except ValueError as e2:
    print('again', e2)
