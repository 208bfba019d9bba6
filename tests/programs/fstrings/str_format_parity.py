v = 1234.5678
print('{:.2f}'.format(v) == f'{v:.2f}')
print('{:>10}'.format('r'), f'{"r":>10}')
print('{:,}'.format(10 ** 9), f'{10**9:,}')
print('{0}{1}{0}'.format('ab', 'cd'))
