class R:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
l = [R('a'), R('b'), R('c'), R('d')]
print('deleting list')
del l
print('deleting tuple')
t = (R('t1'), R('t2'), R('t3'))
del t
print('done')
