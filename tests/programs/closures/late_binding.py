fs = []
for i in range(3):
    fs.append(lambda: i)
print([f() for f in fs])
def make(i):
    return lambda: i
gs = [make(i) for i in range(3)]
print([g() for g in gs])
