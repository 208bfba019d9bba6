class R:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
def fail():
    r = R('frame-local')
    1 / 0
try:
    fail()
except ZeroDivisionError:
    print('in except')
print('after first except')
try:
    fail()
except ZeroDivisionError as e:
    print('in except as e')
print('after second except')
def g():
    try:
        fail()
    except ZeroDivisionError:
        print('handled in g')
    print('g continues')
g()
print('end')
