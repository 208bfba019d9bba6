x = 5
print(-x, +x, ~x, - -x, ~~x, not x)
print(~0, ~-1, ~255, -(-3))
print(-3.5, +(-2.0), not 0, not [], not [0])
print(~True, -True, +False)
