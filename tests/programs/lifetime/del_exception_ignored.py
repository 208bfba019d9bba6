class R:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name, 'raising')
        1 / 0
r = R('first')
del r
print('program continues after the ignored exception')
l = [R('in-list')]
l.clear()
print('end')
