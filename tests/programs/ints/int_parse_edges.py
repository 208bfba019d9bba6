for s, b in (('0x_ff', 0), ('0_7', 10), ('  +0b1_0  ', 0), ('-0o17', 0), ('00', 0), ('0', 0), ('z', 36), ('1__0', 10), ('_1', 10), ('08', 0)):
    try:
        print(repr(s), b, int(s, b))
    except ValueError as e:
        print(repr(s), b, 'ValueError:', e)

