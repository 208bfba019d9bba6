x = 7 ** 300000
while True:
    x = x * x
