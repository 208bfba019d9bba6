class R:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
class Holder:
    pass
h = Holder()
h.z = R('z')
h.a = R('a')
h.m = R('m')
h.a = R('a2')
print('dropping holder')
h = None
print('end')
