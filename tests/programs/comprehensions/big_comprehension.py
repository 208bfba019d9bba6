squares = [i * i for i in range(10000)]
print(len(squares), squares[-1], sum(squares))
d = {i: str(i) for i in range(5000)}
print(len(d), d[4999], d[0])
