# Method calls on instances: bound-method lookup, attribute reads and
# writes, __init__, a small class hierarchy and class attributes.
class Counter:
    step = 1

    def __init__(self, start):
        self.value = start

    def bump(self):
        self.value = self.value + self.step
        return self

    def get(self):
        return self.value


class Doubler(Counter):
    step = 2

    def twice(self):
        self.bump()
        return self.bump()


def run(n):
    a = Counter(0)
    b = Doubler(10)
    for i in range(n):
        a.bump()
        b.twice()
    objs = [Counter(i) for i in range(n // 10)]
    s = 0
    for o in objs:
        s += o.bump().get()
    return a.get(), b.get(), s


print(run(1500000))
