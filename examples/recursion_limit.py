# recursion_limit.py -- how deep can a function call itself?
#
# Each active call has a frame.  A recursive function that never stops
# would pile up frames until memory ran out, so the runtime keeps a depth
# counter and raises RecursionError when it passes a limit:
#
#   sys.getrecursionlimit()      the limit (1000 by default)
#   sys.setrecursionlimit(n)     change it
#
# Every frame counts, the module's own included, and so does nesting
# inside the runtime itself (repr of nested lists, comparisons), which
# guards the C stack the same way.  RecursionError is an ordinary
# exception: catch it and the program carries on.
import sys

print("default limit:", sys.getrecursionlimit())

deepest = 0


def dive(n):
    # Record how deep we got, then go one level deeper -- forever.
    global deepest
    deepest = n
    dive(n + 1)


# At the default limit.  The module frame is frame 1, so dive(1) is
# frame 2, and the last call that can start is number limit - 1.
try:
    dive(1)
except RecursionError as e:
    print("caught:", type(e).__name__, "-", e)
print("dive reached depth", deepest, "with the limit at 1000")


def measure(limit):
    # Frames here: the module, measure, then dive(1), dive(2), ...
    global deepest
    deepest = 0
    sys.setrecursionlimit(limit)
    try:
        dive(1)
    except RecursionError:
        pass
    sys.setrecursionlimit(1000)
    return deepest


for limit in [50, 120]:
    print("limit", limit, "-> dive reached depth", measure(limit))
print("limit is back to", sys.getrecursionlimit())


# A recursion that stops in time is fine at any depth below the limit.
def count_down(n):
    if n == 0:
        return 0
    return 1 + count_down(n - 1)


print("count_down(900) =", count_down(900))

# The runtime's own recursion is guarded too: repr of a list nested
# 5000 levels deep would need 5000 nested calls.
nested = []
for i in range(5000):
    nested = [nested]
try:
    repr(nested)
except RecursionError as e:
    print("repr of a deep list:", e)
del nested                  # freeing it deep is safe: no recursion error

# The limit must be a positive int.
try:
    sys.setrecursionlimit(0)
except ValueError as e:
    print("setrecursionlimit(0):", e)


# When you need depth, use a loop instead of recursion.
def count_down_loop(n):
    steps = 0
    while n > 0:
        n -= 1
        steps += 1
    return steps


print("count_down_loop(100000) =", count_down_loop(100000))
