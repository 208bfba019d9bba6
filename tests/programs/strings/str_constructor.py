print(str(1), str(-2.5), str(None), str(True), str([1, 'a']), str((1,)))
print(str({'k': 'v'}), str(''), str('x'), repr(str(10 ** 20)))
print(str(), len(str()))
print(str(1e100), str(1.0), str(-0.0))
