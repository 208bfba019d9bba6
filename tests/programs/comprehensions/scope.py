x = 'outer'
r = [x for x in range(3)]
print(r, x)
n = 10
print([n + i for i in range(3)])
def f():
    k = 5
    return [k * i for i in range(3)]
print(f())
print([[x for x in 'ab'] for x in range(2)], x)
