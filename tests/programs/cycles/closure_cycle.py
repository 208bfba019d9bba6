import gc
class R:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
gc.collect()
gc.disable()
def make():
    r = R('captured-by-self-ref-closure')
    def rec(n):
        return r if n == 0 else rec(n - 1)
    return rec(3).name
print(make())
print('made')
n = gc.collect()
print(n >= 3)
print('end')
