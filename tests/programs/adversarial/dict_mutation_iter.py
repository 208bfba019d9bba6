d = {'a': 1, 'b': 2}
try:
    for k in d:
        d['new_' + k] = 0
except RuntimeError as e:
    print('RuntimeError:', e)
print(d)
d = {'a': 1, 'b': 2}
try:
    for k in d:
        del d[k]
except RuntimeError as e:
    print('RuntimeError:', e)
print(d)
d = {'a': 1, 'b': 2}
try:
    for k in d:
        del d[k]
        d['c' + k] = 1
except RuntimeError as e:
    print('RuntimeError:', e)
d = {'a': 1}
for k in d:
    d[k] = 2
print(d)
