import sys
for s in ('', 'a', 'hello', 'x' * 100, 'hello world ' * 10):
    print(len(s), sys.getsizeof(s))
print(sys.getsizeof(''.join(['ab', 'cd'])), sys.getsizeof(str(12345)))
