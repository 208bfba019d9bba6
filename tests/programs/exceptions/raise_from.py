try:
    try:
        {}['x']
    except KeyError as e:
        raise ValueError('converted') from e
except ValueError as e:
    print(e, type(e.__cause__).__name__, e.__cause__.args, type(e.__context__).__name__)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise TypeError('during handling')
except TypeError as e:
    print(e, e.__cause__, type(e.__context__).__name__)
try:
    raise RuntimeError('x') from None
except RuntimeError as e:
    print(e.__cause__, e.__context__)
