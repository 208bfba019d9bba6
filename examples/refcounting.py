# refcounting.py -- watching an object's reference count move.
#
# Every object header holds ob_refcnt: how many references point at it.
# Each new reference (a name, a list slot, a dict value, an argument)
# adds one; dropping a reference subtracts one; at zero the object is
# freed on the spot.  sys.getrefcount(x) reports the count, and always
# reads one higher than you might expect: its own argument is a
# reference too, held for the duration of the call.
#
# We use fresh objects (a new list, dict, instance) so the runtime itself
# holds no extra references to them and the numbers are exact.
# Constants such as 1 or 'abc' are shared with the runtime, so we skip them.
import sys

# 1. One name.  The list has 1 reference (a); getrefcount shows 2.
a = []
print("a = []               ->", sys.getrefcount(a))

# 2. A second name adds one; del removes it again.
b = a
print("b = a                ->", sys.getrefcount(a))
del b
print("del b                ->", sys.getrefcount(a))

# 3. Containers hold references: each slot counts separately.
holder = [a, a, a]
print("holder = [a, a, a]   ->", sys.getrefcount(a))
d = {"key": a}
print("d = {'key': a}       ->", sys.getrefcount(a))
t = (a,)
print("t = (a,)             ->", sys.getrefcount(a))

holder.clear()              # emptying a container releases its references
print("holder.clear()       ->", sys.getrefcount(a))
del d, t
print("del d, t             ->", sys.getrefcount(a))


# 4. Function arguments.  Inside f the object has one more reference: the
# parameter x.  Why +1 and not +2?  The caller pushes a reference onto its
# evaluation stack to make the call, and since 3.11 the callee's frame
# takes over ("steals") that stack reference as its local x instead of
# making another.  So: a (1) + x (1) + getrefcount's argument (1) = 3.
def count_inside(x):
    return sys.getrefcount(x)


print("f(a) sees            ->", count_inside(a))

# A temporary passed straight in: only x and the argument hold it, so 2.
print("f([]) sees           ->", count_inside([]))


def more_refs(x):
    y = x                   # more locals referring to it add more
    z = [x]
    return sys.getrefcount(x)


print("x, y and [x] inside  ->", more_refs(a))

# When the call returns its frame is gone, and so are x, y and z.
print("after the calls      ->", sys.getrefcount(a))

# 5. The same rules for a dict and for an instance of a class.
cfg = {}
print("cfg = {}             ->", sys.getrefcount(cfg))
cfg["self"] = cfg           # the dict now refers to itself
print("cfg['self'] = cfg    ->", sys.getrefcount(cfg))
del cfg["self"]
print("del cfg['self']      ->", sys.getrefcount(cfg))


class Node:
    pass


n = Node()
print("n = Node()           ->", sys.getrefcount(n))
n.me = n                    # an attribute is a reference as well
print("n.me = n             ->", sys.getrefcount(n))
del n.me
print("del n.me             ->", sys.getrefcount(n))

# A brand-new instance that no name holds: only the argument refers to
# it, so 1 -- and it is freed as soon as getrefcount returns.
print("Node() unnamed       ->", sys.getrefcount(Node()))

# 6. Returning an object hands the reference over to the caller.


def make():
    fresh = []
    return fresh


r = make()
print("r = make()           ->", sys.getrefcount(r))
