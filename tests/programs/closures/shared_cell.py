def pair():
    val = [0]
    n = 0
    def get():
        return n, val
    def put(x):
        nonlocal n
        n = x
        val.append(x)
    return get, put
g, p = pair()
p(5); p(7)
print(g())
