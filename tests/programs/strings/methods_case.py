s = 'Hello, World'
print(s.upper(), s.lower())
print('ABC def'.upper(), 'ABC def'.lower(), ''.upper())
print('123abc'.isdigit(), '123'.isdigit(), ''.isdigit())
print('caf\u00e9'.upper())
