import gc
class R:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
gc.collect()
gc.disable()
def f():
    r = R('in-cycle')
    try:
        1 / 0
    except ZeroDivisionError as e:
        err = e
    return 'returned'
print(f())
print('before collect')
gc.collect()
print('after collect')
def g():
    r = R('no-cycle')
    try:
        1 / 0
    except ZeroDivisionError:
        pass
    return 'returned'
print(g())
print('end')
