print(True == 1, False == 0, True + 41, isinstance(True, int))
print(int(True), bool(2), bool(0), bool(-1), bool(10 ** 100))
print(sum([True, True, False]), True * 'ab')
print(str(True), repr(False), True & 3, True | 2)
