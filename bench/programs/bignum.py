# Bignum arithmetic: multiplication, addition, floor division and
# modulo on ints of hundreds to thousands of digits.
def factorial(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r


def pi_digits(ndigits):
    # Machin's formula: pi = 16 atan(1/5) - 4 atan(1/239), in fixed point.
    unity = 10 ** (ndigits + 10)

    def atan_inv(x):
        total = term = unity // x
        x2 = x * x
        k = 3
        sign = -1
        while term:
            term //= x2
            total += sign * (term // k)
            sign = -sign
            k += 2
        return total

    pi = 16 * atan_inv(5) - 4 * atan_inv(239)
    return pi // 10 ** 10


def fib_big(n):
    a, b = 0, 1
    for i in range(n):
        a, b = b, a + b
    return a


m = 1000000007
print(factorial(20000) % m)
p = pi_digits(8000)
print(p // 10 ** 7990, p % 10 ** 10)
print(fib_big(200000) % m)
