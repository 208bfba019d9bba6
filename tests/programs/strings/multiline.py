text = """line one
line two
  line three"""
lines = text.split('\n')
print(len(lines))
for i, line in enumerate(lines):
    print(i, repr(line), repr(line.strip()))
print('\n'.join(reversed(lines)))
