l = [1, 2, 3]
print(l[1])
print(l[3])
