print(repr('  x  '.strip()), repr('\t\nx\n'.strip()), repr(''.strip()))
print('xxhixx'.strip('x'), '..a.b..'.strip('.'), 'abcba'.strip('ab'))
print(repr('   '.strip()), repr('x'.strip('x')))
