assert 1 == 1
assert 2 + 2 == 5, 'arithmetic failed'
