import gc
class R:
    def __init__(self):
        self.me = self
    def __del__(self):
        print('collected automatically')
gc.collect()
gc.disable()
R()
junk = [[] for _ in range(2000)]
print('still disabled; no collection yet')
gc.enable()
more = [[] for _ in range(2000)]
print('after enabling and allocating')
