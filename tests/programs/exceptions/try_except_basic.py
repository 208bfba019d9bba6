try:
    1 / 0
except ZeroDivisionError as e:
    print('caught', type(e).__name__, e, e.args)
try:
    [][1]
except IndexError as e:
    print('caught', e)
try:
    {}['k']
except KeyError as e:
    print('caught', repr(e), str(e))
try:
    int('abc')
except ValueError as e:
    print('caught', e)
