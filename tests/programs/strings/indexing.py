s = 'abcdef'
print(s[0], s[5], s[-1], s[-6], len(s))
for ch in 'xyz':
    print(ch, ord(ch))
print(s[1:4], s[::2], s[::-1], s[4:1:-1])
print(chr(65), chr(0x20ac), ord('\u00e9'), ord('\u20ac'))
print([c for c in 'hi!'])
