d = {'a': 1}
l = [1]
try:
    del d['b']
except KeyError as e:
    print('KeyError:', e)
try:
    del l[5]
except IndexError as e:
    print('IndexError:', e)
class O:
    pass
o = O()
try:
    del o.nope
except AttributeError as e:
    print('AttributeError:', e)
try:
    del undefined_thing
except NameError as e:
    print('NameError:', e)
