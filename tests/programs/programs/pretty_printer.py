def pp(obj, indent=0):
    pad = '  ' * indent
    if isinstance(obj, dict):
        print(pad + '{')
        for k, v in obj.items():
            print(pad + '  ' + repr(k) + ':')
            pp(v, indent + 2)
        print(pad + '}')
    elif isinstance(obj, (list, tuple)):
        print(pad + ('[' if isinstance(obj, list) else '('))
        for v in obj:
            pp(v, indent + 1)
        print(pad + (']' if isinstance(obj, list) else ')'))
    else:
        print(pad + repr(obj))
pp({'name': 'x', 'tags': ['a', 'b'], 'pos': (1, 2.5), 'meta': {'ok': True, 'n': None}})
