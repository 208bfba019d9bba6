for n in (0, -1, 2 ** 30, 2 ** 30 - 1, 2 ** 60, -(2 ** 90), 10 ** 50 - 1):
    s = str(n)
    print(s, int(s) == n, len(s))
big = 7 ** 400
print(int(str(big)) == big, str(big)[:20], str(big)[-20:])
