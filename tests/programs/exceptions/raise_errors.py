def exec_raise(x):
    raise x
for thunk in (lambda: exec_raise(5), lambda: exec_raise('s'), lambda: exec_raise(ValueError), lambda: exec_raise(KeyError('k'))):
    try:
        thunk()
    except Exception as e:
        print(type(e).__name__, e)
class Bad:
    def __init__(self):
        return 5
try:
    Bad()
except TypeError as e:
    print('TypeError:', e)
