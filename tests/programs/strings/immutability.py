s = 'abc'
t = s
s += 'd'
print(s, t, s is t)
u = s.upper()
print(s, u)
print(s.replace('a', 'A'), s)
