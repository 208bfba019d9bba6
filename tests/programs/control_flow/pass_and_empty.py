def nothing():
    pass
class Empty:
    pass
for i in range(2):
    pass
print(nothing(), type(Empty()).__name__, i)
if True:
    pass
print('done')
