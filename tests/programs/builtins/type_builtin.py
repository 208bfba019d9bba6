print(type(1) == int, type(True) == bool, type(True) == int, type(None).__name__)
print(type([]) is list, type({}) is dict, type(()) is tuple, type('') is str)
class M: pass
print(type(M()) is M, type(M).__name__, type(M()).__name__)
print(int('5') + type(5)('6'), str(type('')('x')))
