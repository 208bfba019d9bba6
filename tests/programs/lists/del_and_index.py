l = ['a', 'b', 'c', 'd', 'e']
del l[0]; print(l)
del l[-1]; print(l)
l[1] = 'X'; print(l)
l[-1] = 'Y'; print(l)
print(l[len(l) - 1], l[-len(l)])
del l[0], l[0]; print(l)
