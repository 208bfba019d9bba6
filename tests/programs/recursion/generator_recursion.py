def gen(n):
    yield n
    for v in gen(n + 1):
        yield v
total = 0
try:
    for v in gen(0):
        total += 1
except RecursionError as e:
    print('RecursionError caught', total > 100)
