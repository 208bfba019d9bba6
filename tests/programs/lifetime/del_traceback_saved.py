class R:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
def fail():
    r = R('frame-local')
    raise ValueError('x')
try:
    fail()
except ValueError as e:
    saved = e
print('after except, exception saved')
del saved
print('after del saved')
