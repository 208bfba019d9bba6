class C:
    count = 0
    kind = 'c'
    def __init__(self):
        C.count += 1
        self.n = C.count
a = C(); b = C(); c = C()
print(C.count, a.n, b.n, c.n, a.kind, C.kind)
a.kind = 'instance'
print(a.kind, b.kind, C.kind)
C.kind = 'changed'
print(a.kind, b.kind)
