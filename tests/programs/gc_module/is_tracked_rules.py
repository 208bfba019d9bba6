import gc
print(gc.is_tracked(1), gc.is_tracked(10 ** 30), gc.is_tracked('s'), gc.is_tracked(1.5), gc.is_tracked(None), gc.is_tracked(True))
print(gc.is_tracked([]), gc.is_tracked([1]), gc.is_tracked({}), gc.is_tracked({'a': 1}))
print(gc.is_tracked({'a': []}), gc.is_tracked({1: {}}), gc.is_tracked({'k': {'n': 1}}))
class A: pass
def f(): pass
print(gc.is_tracked(A()), gc.is_tracked(f), gc.is_tracked(object()), gc.is_tracked(range(3)))
print(gc.is_tracked(()), gc.is_tracked(tuple([1, 2])), gc.is_tracked(tuple([[]])))
