class R:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
d = {}
d['z'] = R('z')
d['a'] = R('a')
d['m'] = R('m')
del d['a']
d['a'] = R('a2')
print('deleting dict')
del d
print('clear')
e = {'one': R('1'), 'two': R('2')}
e.clear()
print('done')
