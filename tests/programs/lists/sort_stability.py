recs = [('a', 3), ('b', 1), ('c', 3), ('d', 2), ('e', 1)]
print(sorted(recs, key=lambda r: r[1]))
print(sorted(recs, key=lambda r: r[1], reverse=True))
big = [(i * 7919) % 101 for i in range(200)]
s = sorted(big)
print(s[:10], s[-5:])
print(all(s[i] <= s[i + 1] for i in range(len(s) - 1)))
