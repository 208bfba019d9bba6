def f():
    try:
        raise KeyError('first')
    except KeyError:
        try:
            raise ValueError('second')
        except ValueError:
            raise TypeError('third')
try:
    f()
except TypeError as e:
    c = e.__context__
    print(type(e).__name__, type(c).__name__, type(c.__context__).__name__, c.__context__.__context__)
    print(e.__cause__, e.args, c.args)
