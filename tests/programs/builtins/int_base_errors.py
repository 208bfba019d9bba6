for args in (('12', 10), ('z', 36), ('Z', 35), ('', 10), ('0x1g', 16), ('1 2', 10), ('12', 1), ('12', 37)):
    try:
        print(args, int(args[0], args[1]))
    except ValueError as e:
        print(args, 'ValueError:', e)
