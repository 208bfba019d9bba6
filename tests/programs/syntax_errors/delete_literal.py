print('never printed')
del 1
