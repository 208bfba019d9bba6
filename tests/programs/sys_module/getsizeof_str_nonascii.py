import sys
print(sys.getsizeof('\u00e9'), sys.getsizeof('\u20ac'), sys.getsizeof('\U0001F600'), sys.getsizeof('a\U0001F600'))
print(sys.getsizeof('caf\u00e9'), sys.getsizeof('\u00e9' * 10))
