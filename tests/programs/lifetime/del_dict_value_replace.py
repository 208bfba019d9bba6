class R:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
d = {'a': R('a1')}
d['a'] = R('a2')
print('replaced a')
d.pop('a')
print('popped')
d['b'] = R('b')
d.setdefault('b', R('unused'))
print('setdefault done')
d.update({'b': R('b2')})
print('updated')
d = None
print('end')
