try:
    assert 1 + 1 == 3, 'math is broken'
except AssertionError as e:
    print('AssertionError', e.args)
try:
    assert [], 'empty'
except AssertionError as e:
    print('second', e)
try:
    assert False
except AssertionError as e:
    print('no message', e.args)
assert True, 'never'
print('end')
