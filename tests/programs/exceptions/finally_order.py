def f():
    for i in range(3):
        try:
            if i == 1:
                continue
            if i == 2:
                break
            print('body', i)
        finally:
            print('finally', i)
    return 'done'
print(f())
def g():
    try:
        try:
            raise IndexError('i')
        finally:
            print('inner finally')
    except IndexError:
        print('outer except')
    finally:
        print('outer finally')
g()
