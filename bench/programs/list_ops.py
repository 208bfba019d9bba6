# List building and indexing: append, comprehensions, subscripts and
# subscript assignment, len, slicing.
def sieve(n):
    flags = [True] * (n + 1)
    flags[0] = False
    flags[1] = False
    i = 2
    while i * i <= n:
        if flags[i]:
            j = i * i
            while j <= n:
                flags[j] = False
                j += i
        i += 1
    return [k for k in range(n + 1) if flags[k]]


def rolling(n):
    data = []
    for i in range(n):
        data.append(i * 7 % 1000)
    total = 0
    for i in range(1, len(data) - 1):
        total += data[i - 1] - data[i] + data[i + 1]
    tail = data[-100:]
    return total + len(tail)


primes = sieve(2000000)
print(len(primes), primes[-1])
print(rolling(2000000))
