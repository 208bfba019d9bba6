class Acc:
    def __init__(self):
        self.total = 0
    def add(self, n):
        self.total += n
        return self
a = Acc()
f = a.add
f(5); f(6)
print(a.total)
a.add(1).add(2)
print(a.total)
print(Acc.add(a, 100).total)
