print('never printed')
lambda x: x = 1
