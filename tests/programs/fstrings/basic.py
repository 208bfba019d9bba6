name = 'World'
n = 42
print(f'Hello, {name}!')
print(f'{n} {n + 1} {n * 2}')
print(f'{name!r} {n!r}')
print(f'{"nested"}', f"{'q'}")
print(f'{{braces}} {n}')
print(f'')
print(f'{[1, 2][0]} {len(name)} {name[1:3]}')
