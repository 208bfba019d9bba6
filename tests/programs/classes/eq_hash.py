class Key:
    def __init__(self, k):
        self.k = k
    def __eq__(self, other):
        return isinstance(other, Key) and self.k == other.k
    def __hash__(self):
        return hash(self.k)
a, b, c = Key(1), Key(1), Key(2)
print(a == b, a == c, a != b, a != c, a is b)
d = {a: 'first'}
d[b] = 'second'
d[c] = 'third'
print(len(d), d[Key(1)], d[Key(2)])
print(Key(1) in [c, b], hash(a) == hash(b))
