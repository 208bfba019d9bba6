print('never printed')
break
