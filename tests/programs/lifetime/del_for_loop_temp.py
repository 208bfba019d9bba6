class R:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
for x in [R('1'), R('2'), R('3')]:
    print('loop', x.name)
print('after loop')
x = None
print('after x = None')
