# String concatenation in a loop: `s += piece` on one str that keeps
# growing (150 000 characters), then `out = out + piece` with the str
# kept short by slicing.  The first loop is linear only when the runtime
# can resize a str in place because nothing else refers to it; otherwise
# each step copies the whole string and the loop is quadratic.
def grow(n):
    s = ""
    for i in range(n):
        s += str(i % 10)
    return s


def grow_pairs(n):
    out = ""
    for i in range(n):
        out = out + "ab"
        if len(out) > 2000:
            out = out[1000:]
    return out


s = grow(150000)
print(len(s), s[:20], s[-5:])
t = grow_pairs(5000000)
print(len(t), t[:6])
