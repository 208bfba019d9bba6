s = 'na\u00efve caf\u00e9 \u20ac5'
print(s, len(s))
print(s.upper())
print(repr(s))
print(s[2], s[-2], s.find('\u20ac'))
print('\U0001F600' == chr(0x1F600), len('\U0001F600'))
print(ord(chr(1114111)))
