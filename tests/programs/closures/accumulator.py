def averager():
    nums = []
    def add(x):
        nums.append(x)
        return sum(nums) / len(nums)
    return add
avg = averager()
for v in (10, 20, 60):
    print(avg(v))
