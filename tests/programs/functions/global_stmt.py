counter = 0
def bump():
    global counter
    counter += 1
    return counter
print(bump(), bump(), counter)
def make():
    global created
    created = 'yes'
make()
print(created)
x = 'global'
def shadow():
    x = 'local'
    return x
print(shadow(), x)
