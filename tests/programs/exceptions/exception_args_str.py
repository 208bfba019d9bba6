for e in (Exception(), Exception('one'), Exception('a', 2), ValueError(''), KeyError('k'), KeyError(1, 2)):
    print(type(e).__name__, repr(str(e)), e.args, repr(e))
