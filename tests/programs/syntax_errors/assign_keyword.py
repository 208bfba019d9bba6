print('never printed')
None = 1
