print(ord('a'), ord('A'), ord('0'), ord(' '), ord('\n'), ord('\u00ff'), ord('\u4e2d'))
print(chr(97), chr(65), chr(48), repr(chr(10)), chr(0x4e2d), repr(chr(0)))
print(''.join(chr(ord(c) + 1) for c in 'HAL'))
print([ord(c) for c in 'hi'], chr(128512) == '\U0001F600')
