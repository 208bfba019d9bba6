items = [3, 1, 2]
d = {'k': 'v'}
print(f'{sorted(items)} {d["k"]} {len(items) > 2}')
print(f'{"yes" if items else "no"}')
print(f'{items[0] + items[1]:>4}')
w = 6
print(f'{"x":>{w}}|')
print(f'{str(5) * 3}')
