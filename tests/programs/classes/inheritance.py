class Animal:
    sound = '...'
    def __init__(self, name):
        self.name = name
    def speak(self):
        return self.name + ' says ' + self.sound
    def kind(self):
        return 'animal'
class Dog(Animal):
    sound = 'woof'
    def kind(self):
        return 'dog/' + Animal.kind(self)
class Puppy(Dog):
    def __init__(self, name):
        Dog.__init__(self, name + ' jr')
for a in (Animal('gen'), Dog('rex'), Puppy('rex')):
    print(a.speak(), a.kind(), type(a).__name__)
print(isinstance(Puppy('x'), Animal), isinstance(Animal('y'), Dog))
