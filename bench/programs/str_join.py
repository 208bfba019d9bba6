# String building with str.join: str(), f-strings, split, replace, upper
# and join.
def build(n):
    parts = []
    for i in range(n):
        parts.append(str(i))
    line = ",".join(parts)
    fields = line.split(",")
    return len(line), len(fields), fields[n // 2]


def report(n):
    rows = []
    for i in range(n):
        rows.append(f"row {i:6d}: {i * i % 9973:>5} {'x' * (i % 7)}")
    text = "\n".join(rows)
    return len(text), len(text.replace("x", "")), rows[-1].upper()


print(build(1000000))
print(report(500000))
