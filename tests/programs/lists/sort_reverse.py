l = [5, 2, 9, 1, 5, 6]
l.sort(); print(l)
l.sort(reverse=True); print(l)
l.reverse(); print(l)
w = ['banana', 'kiwi', 'Apple', 'fig']
w.sort(key=len); print(w)
w.sort(key=lambda s: s.lower()); print(w)
print(sorted(w, key=len, reverse=True))
pairs = [(2, 'b'), (1, 'z'), (2, 'a'), (1, 'a')]
pairs.sort(); print(pairs)
pairs.sort(key=lambda p: p[1]); print(pairs)
