print(hash(1.0) == hash(1), hash(2.5), hash(-2.5), hash(0.1))
print(hash(1e100), hash(-0.0), hash(0.0), hash(123.0) == 123)
d = {1: 'int', 1.0: 'float'}
print(d)
