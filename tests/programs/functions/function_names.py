def alpha():
    pass
def beta(x):
    return x
print(alpha.__name__, beta.__name__, beta(alpha).__name__)
g = alpha
print(g.__name__, type(alpha).__name__)
class K:
    def meth(self):
        pass
print(K.meth.__name__, K().meth.__name__, K.__name__)
