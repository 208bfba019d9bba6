class H:
    def __hash__(self):
        return 2 ** 100
print(hash(H()), hash(H()) == 2 ** 100 % (2 ** 61 - 1))
class NegLen:
    def __len__(self):
        return -1
try:
    len(NegLen())
except ValueError as e:
    print('ValueError:', e)
class StrLen:
    def __len__(self):
        return 'x'
try:
    len(StrLen())
except TypeError as e:
    print('TypeError:', e)
class BadRepr:
    def __repr__(self):
        return 5
try:
    repr(BadRepr())
except TypeError as e:
    print('TypeError:', e)
class BadEq:
    def __eq__(self, o):
        raise KeyError('from eq')
try:
    print(BadEq() in [1, 2])
except KeyError as e:
    print('KeyError:', e)
