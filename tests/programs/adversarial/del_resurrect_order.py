log = []
class R:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        log.append(self.n)
        if self.n == 2:
            keep.append(self)
keep = []
l = [R(1), R(2), R(3)]
del l
print(log, [r.n for r in keep])
keep.clear()
print(log)
