print(sum([1, 2, 3]), sum([]), sum(range(100)), sum([1.5, 2]), sum([[1], [2]], []))
print(sum((1, 2), 10), sum([10 ** 20, 1]))
print(any([]), any([0, '', None]), any([0, 1]), all([]), all([1, 'a']), all([1, 0]))
print(any(x > 2 for x in [1, 2, 3]), all(isinstance(x, int) for x in [1, True]))
