a = (1 << 100) - 1
b = 0x123456789abcdef0123456789
print(a & b, a | b, a ^ b)
print(-a & b, -b | 1, ~a, ~b)
print(a >> 37, b << 67, -b >> 3, -(1 << 200) >> 199)
print((a ^ b) & 0xff, (-1 << 65) & 0xffff_ffff_ffff_ffff_ffff)
