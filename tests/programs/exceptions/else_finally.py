def f(x):
    try:
        r = 10 / x
    except ZeroDivisionError:
        print('except')
        r = None
    else:
        print('else', r)
    finally:
        print('finally')
    return r
print(f(2))
print(f(0))
def g():
    try:
        return 'try'
    finally:
        print('finally runs before return')
print(g())
