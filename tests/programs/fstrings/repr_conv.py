class P:
    def __repr__(self):
        return 'P()'
    def __str__(self):
        return 'p-str'
p = P()
print(f'{p} {p!r} {p!s}')
print(f'{"a b"!r} {[1, "x"]!r}')
print(f'{None} {True!r}')
