def f():
    try:
        raise ValueError('body')
    finally:
        print('finally sees exception in flight')
def g():
    try:
        f()
    except ValueError as e:
        return 'caught ' + str(e)
    finally:
        print('g finally')
print(g())
def h():
    for i in range(3):
        try:
            return i
        finally:
            if i == 0:
                print('finally on return', i)
print(h())
