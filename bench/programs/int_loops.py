# Loops with int arithmetic: while and for-range loops, augmented
# assignment, //, %, comparisons and small and medium ints.
def collatz_steps(limit):
    total = 0
    for start in range(1, limit):
        n = start
        while n != 1:
            if n % 2 == 0:
                n = n // 2
            else:
                n = 3 * n + 1
            total += 1
    return total


def digit_sums(limit):
    acc = 0
    for i in range(limit):
        x = i
        while x:
            acc += x % 10
            x //= 10
    return acc


print(collatz_steps(60000))
print(digit_sums(800000))
