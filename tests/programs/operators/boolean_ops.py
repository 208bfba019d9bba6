print(1 and 2, 0 and 2, 1 or 2, 0 or 2, None or 0, [] or 'x')
print(not 1, not 0, not None, not '')
def t(v):
    print('called', v)
    return v
print(t(0) and t(1))
print(t(1) or t(2))
print(t(1) and t(0) or t(3))
x = 5
print(x > 3 and 'big' or 'small')
