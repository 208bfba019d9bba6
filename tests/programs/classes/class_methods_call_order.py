class Base:
    def __init__(self):
        print('Base.__init__')
        self.setup()
    def setup(self):
        print('Base.setup')
class Derived(Base):
    def __init__(self):
        print('Derived.__init__ start')
        Base.__init__(self)
        print('Derived.__init__ end')
    def setup(self):
        print('Derived.setup')
Derived()
