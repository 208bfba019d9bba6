print(int(), float(), bool(), str(), int('  -12 '), float(' 2.5e2 '))
print(bool([]), bool([0]), bool(''), bool(' '), bool(0.0), bool(None), bool({}))
print(int(7.99), int(-7.99), int('0'), int('-0'), int('077'), int('1' * 30))
print(str(0.1), str(-7), str([None]), str(('a',)))
