# Sorting keys of one type goes through that type's comparison: user
# __lt__, reflected __gt__, NotImplemented, truthy results, errors.
class A:
    def __init__(self, v): self.v = v
    def __lt__(self, o): return self.v < o.v
    def __repr__(self): return 'A(%d)' % self.v
print(sorted([A(3), A(1), A(2)]))
class B:
    def __init__(self, v): self.v = v
    def __gt__(self, o): return self.v > o.v
    def __repr__(self): return 'B(%d)' % self.v
print(sorted([B(3), B(1), B(2)]))
class C:
    def __lt__(self, o): return NotImplemented
try:
    sorted([C(), C()])
except TypeError as e:
    print(e)
class D:
    def __init__(self, v): self.v = v
    def __lt__(self, o): return self.v - o.v   # truthy int
print([d.v for d in sorted([D(1), D(5), D(3)])])
print(sorted([(2, 'b'), (1, 'z'), (2, 'a')]))
print(sorted([2**40, 3, -2**70, 7]))
try:
    sorted([(1, 2), (1, 'x')])
except TypeError as e:
    print(e)
class E:
    def __lt__(self, o): raise ValueError('boom')
try:
    sorted([E(), E()])
except ValueError as e:
    print(e)
