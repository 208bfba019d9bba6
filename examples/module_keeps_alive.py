# module_keeps_alive.py -- module-level containers keep objects alive.
#
# A module's global names live in the module's dict, and the module lives
# as long as the program.  Anything reachable from a global -- say, a
# list used as a cache -- is therefore never freed by reference counting
# until it is removed from there.  This is the most common "memory leak"
# in Python programs: not a bug in the runtime, just a reference that
# somebody forgot to drop.
#
#   module dict --> CACHE (list) --> [obj0, obj1, obj2]
#        (lives for the whole run)       (live while CACHE holds them)


class Tracked:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("  freed", self.name)


CACHE = []                  # a module-level list: lives as long as the module


def load(name, remember):
    obj = Tracked(name)
    if remember:
        CACHE.append(obj)   # a second reference, owned by the module
    return obj.name         # the local `obj` is dropped at return


print("1. without the cache, a function's object dies at return")
print("  loaded", load("temp", False))

print("2. with the cache, it outlives the call")
for i in range(3):
    print("  loaded", load("cached" + str(i), True))
print("  the cache holds", len(CACHE), "objects")

print("3. removing one entry frees just that one")
CACHE.pop(0)
print("  the cache holds", len(CACHE), "objects")

print("4. clearing the cache frees the rest (last to first)")
CACHE.clear()
print("  the cache holds", len(CACHE), "objects")

# A memo table keyed by string behaves the same way.  A dict releases its
# values in the order they were inserted.
MEMO = {}


def lookup(key):
    if key not in MEMO:
        MEMO[key] = Tracked("memo:" + key)
    return MEMO[key]


print("5. a module-level dict keeps its values alive")
for key in ["alpha", "beta", "alpha", "gamma"]:
    lookup(key)                         # "alpha" is made only once
print("  memo has", len(MEMO), "entries")
del MEMO["beta"]
print("  deleted 'beta'")

print("6. rebinding the global name drops the old dict and its values")
MEMO = {}
print("  memo has", len(MEMO), "entries")


# A function that assigns a global needs the `global` statement; without
# it the name would be a new local and the module's object would stay.
LAST = None


def remember_last(name):
    global LAST
    LAST = Tracked(name)    # the previous LAST loses its last reference


print("7. a global that is reassigned keeps only the newest object")
remember_last("first")
remember_last("second")
remember_last("third")
LAST = None
print("done: nothing is left alive")
