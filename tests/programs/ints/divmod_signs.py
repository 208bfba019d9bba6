for a in (7, -7, 100, -100, 12345678901234567890):
    for b in (3, -3, 1000000007):
        print(a, b, a // b, a % b, divmod(a, b))
