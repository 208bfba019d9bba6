text = """It was the best of times it was the worst of times it was the age of
wisdom it was the age of foolishness"""
freq = {}
for w in text.lower().split():
    freq[w] = freq.get(w, 0) + 1
top = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
for word, n in top:
    print(f'{word:>8} {n:3d} {"*" * n}')
print(len(freq), sum(freq.values()))
