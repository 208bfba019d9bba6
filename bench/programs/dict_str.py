# A dict with str keys: building keys, insertion, lookup, `in`, get,
# update in place and deletion.
def word_counts(rounds):
    words = []
    for i in range(500):
        words.append("w" + str(i * 37 % 211))
    counts = {}
    for r in range(rounds):
        for w in words:
            if w in counts:
                counts[w] += 1
            else:
                counts[w] = 1
    return counts


def churn(n):
    d = {}
    for i in range(n):
        d["key" + str(i)] = i
    total = 0
    for i in range(n):
        total += d.get("key" + str(i * 3), -1)
    for i in range(0, n, 2):
        del d["key" + str(i)]
    return total, len(d)


c = word_counts(1000)
print(len(c), c["w0"], c["w1"])
print(churn(300000))
