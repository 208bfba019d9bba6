a, b = 0b1100, 0b1010
print(a & b, a | b, a ^ b, a << 2, a >> 2)
print(-12 & 10, -12 | 10, -12 ^ 10, -12 >> 1, -1 >> 100)
print(1 << 70, (1 << 70) >> 69, (1 << 70) & ((1 << 70) - 1))
print(True & False, True | False, True ^ True)
print(255 & -256, -256 | 255)
