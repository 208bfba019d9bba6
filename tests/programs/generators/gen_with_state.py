def running_avg(values):
    total = 0
    for i, v in enumerate(values, 1):
        total += v
        yield total / i
print(list(running_avg([2, 4, 6, 8])))
def chunks(lst, n):
    for i in range(0, len(lst), n):
        yield lst[i:i + n]
print(list(chunks(list(range(7)), 3)))
