import sys
print(type(sys.argv).__name__, len(sys.argv))
print(sys.argv[0])
print(sys.argv[0].endswith('argv.py'))
