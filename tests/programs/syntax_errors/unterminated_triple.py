print('never printed')
s = """abc
def
