class R:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
def f():
    r = R('local')
    print('f body')
    return 'ret'
print(f())
a = R('first')
a = R('second')
print('rebound')
a = None
print('set to None')
b = [R('in-list')]
b[0] = R('replaced')
print('after replace')
b.pop()
print('end')
