print('never printed')
s = f'{}'
