class R:
    def __init__(self, name, child=None):
        self.name = name
        self.child = child
    def __del__(self):
        print('del', self.name)
outer = R('outer', R('middle', R('inner')))
print('deleting outer')
del outer
holder = R('holder')
holder.a = R('attr-a')
holder.b = R('attr-b')
print('deleting holder')
del holder
print('done')
