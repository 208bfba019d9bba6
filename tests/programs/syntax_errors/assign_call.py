print('never printed')
def f():
    pass
f() = 3
