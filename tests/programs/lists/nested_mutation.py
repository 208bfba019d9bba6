grid = [[0] * 3 for _ in range(3)]
grid[1][1] = 5
print(grid)
alias = [[0] * 3] * 3
alias[0][0] = 1
print(alias)
m = [[1, 2], [3, 4]]
print([row[::-1] for row in m], [[r[i] for r in m] for i in range(2)])
