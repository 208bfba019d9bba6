print(pow(2, 10), pow(2, 100), pow(3, 4, 5), pow(2, 1000, 1000000007))
print(pow(-2, 3), pow(2, -2), pow(10, 30, 7))
print(pow(7, 0), pow(0, 0), pow(5, 3, -7))
print(2 ** 64 - 1, -(2 ** 63))
