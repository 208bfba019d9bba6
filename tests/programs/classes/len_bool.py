class Box:
    def __init__(self, items):
        self.items = items
    def __len__(self):
        return len(self.items)
b = Box([1, 2, 3])
e = Box([])
print(len(b), len(e), bool(b), bool(e))
if not e:
    print('empty box is falsy')
class Plain:
    pass
print(bool(Plain()))
