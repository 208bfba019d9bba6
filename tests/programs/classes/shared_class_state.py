class Registry:
    items = []
    def add(self, x):
        self.items.append(x)
        return self
a = Registry()
b = Registry()
a.add(1)
b.add(2)
print(Registry.items, a.items is b.items)
a.items = ['own']
a.add(3)
print(a.items, b.items, Registry.items)
