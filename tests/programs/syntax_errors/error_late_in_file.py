print('never printed')
def ok():
    return 1
for i in range(3):
    print(i)
while True:
    break
x = [1, 2,, 3]
