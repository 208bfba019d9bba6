class O:
    pass
o = O()
setattr(o, 'x', 1)
o.y = 2
print(getattr(o, 'x'), o.y, hasattr(o, 'x'), hasattr(o, 'z'), getattr(o, 'z', 'dflt'))
del o.x
print(hasattr(o, 'x'))
try:
    o.x
except AttributeError as e:
    print('AttributeError:', e)
