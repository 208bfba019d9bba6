import sys
for s in ('', 'a', 'hello', 'x' * 100, 'hello world ' * 10):
    print(len(s), sys.getsizeof(s))
print(sys.getsizeof(''.join(['ab', 'cd'])), sys.getsizeof(str(12345)))
print(sys.getsizeof('\u00e9'), sys.getsizeof('\u20ac'), sys.getsizeof('\U0001F600'), sys.getsizeof('a\U0001F600'))
