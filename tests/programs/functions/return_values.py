def none():
    return
def implicit():
    x = 1
def multi():
    return 1, 'two', [3]
def early(n):
    if n > 0:
        return 'pos'
    return 'non-pos'
print(none(), implicit(), multi(), early(1), early(-1))
a, b, c = multi()
print(a, b, c)
