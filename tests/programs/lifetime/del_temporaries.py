class R:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
    def get(self):
        return self.name
print(R('t1').name)
print(R('t2').get())
x = R('t3').get() + '!'
print(x)
R('expr-statement')
print('after expression statement')
print(len([R('in-list')]))
print('end')
