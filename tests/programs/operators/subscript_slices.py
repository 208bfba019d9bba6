s = list(range(10))
print(s[0], s[-1], s[3:7], s[:3], s[7:], s[:], s[::2], s[::-1])
print(s[1:8:3], s[8:1:-2], s[-3:], s[:-3], s[100:], s[-100:2])
t = tuple(s)
print(t[2:5], t[::-3])
w = 'hello world'
print(w[0], w[-1], w[:5], w[6:], w[::-1], w[1:9:2])
print(s[5:2], s[2:2], s[::-100])
