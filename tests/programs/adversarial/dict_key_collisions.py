class Same:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return 42
    def __eq__(self, o):
        return isinstance(o, Same) and self.v == o.v
d = {}
for i in range(100):
    d[Same(i)] = i
print(len(d), d[Same(57)], Same(200) in d)
for i in range(0, 100, 3):
    del d[Same(i)]
print(len(d), sum(d.values()))
e = {-1: 'a', -2: 'b'}
print(e, hash(-1) == hash(-2))
