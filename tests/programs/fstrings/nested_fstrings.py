a = 5
print(f"outer {f'inner {a}'} end")
print(f'{a}{a}{a}', f'{a:3}{a:<3}|')
for i in range(3):
    print(f'row {i}: {"#" * i}|')
