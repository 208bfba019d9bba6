# Sorting: list.sort and sorted on ints, strs and tuples, with key= and
# reverse=, over pseudo-random data from a linear congruential generator.
def lcg(n, seed):
    out = []
    x = seed
    for i in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        out.append(x)
    return out


nums = lcg(300000, 42)
a = sorted(nums)
print(a[0], a[len(a) // 2], a[-1])
b = sorted(nums, reverse=True)
print(b[0] == a[-1])
words = ["k" + str(v % 100000) for v in nums[:100000]]
words.sort()
print(words[0], words[-1])
pairs = [(v % 1000, v) for v in nums[:100000]]
pairs.sort()
print(pairs[0], pairs[-1])
by_last = sorted(nums[:100000], key=lambda v: v % 1009)
print(by_last[0] % 1009, by_last[-1] % 1009)
