fs = [lambda: i for i in range(3)]
print([f() for f in fs])
def outer():
    base = 100
    return [base + v for v in range(3)]
print(outer())
m = [[r * 3 + c for c in range(3)] for r in range(3)]
print(m, [m[i][i] for i in range(3)])
