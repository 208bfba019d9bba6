class R:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
class E(Exception):
    pass
try:
    raise E(R('payload'))
except E as e:
    print('caught', e.args[0].name)
print('after handler')
