class Base:
    def __init__(self, v):
        self.v = v
    def __repr__(self):
        return type(self).__name__ + '(' + repr(self.v) + ')'
    def __eq__(self, o):
        return type(self) is type(o) and self.v == o.v
    def __hash__(self):
        return hash(self.v)
    def __len__(self):
        return self.v
class Child(Base):
    pass
c = Child(3)
print(c, [c], len(c), c == Child(3), c == Base(3), {c: 1})
print(hasattr(c, 'v'), getattr(c, '__class__') is Child, isinstance(c, Base))
