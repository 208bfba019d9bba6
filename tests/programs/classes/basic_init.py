class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def norm2(self):
        return self.x * self.x + self.y * self.y
    def moved(self, dx, dy=0):
        return Point(self.x + dx, self.y + dy)
p = Point(3, 4)
print(p.x, p.y, p.norm2())
q = p.moved(1).moved(dx=1, dy=1)
print(q.x, q.y, p.x)
print(type(p).__name__, p.__class__.__name__, isinstance(p, Point))
