# del_and_dealloc.py -- objects die the moment their last reference goes.
#
# `del name` does not destroy an object: it removes one reference (the
# name).  When that was the last reference the count drops to zero and the
# object is deallocated immediately -- not "later", not at the next
# collection.  A class's __del__ method runs at that instant, so it lets us
# watch deaths as they happen.
#
#   del a    ->  refcnt 1 -> 0  ->  __del__ runs  ->  memory is released
#
# Deallocating a container drops the references it holds, which may free
# its items in turn: death cascades in a fixed, predictable order.


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("  freed", self.name)


print("1. del of the only reference frees at once")
a = Noisy("a")
print("  before del")
del a
print("  after del")

print("2. del of one of two references frees nothing")
b = Noisy("b")
b2 = b
del b
print("  b deleted, b2 still holds the object")
del b2
print("  b2 deleted")

print("3. rebinding a name drops the old object")
c = Noisy("c1")
c = Noisy("c2")             # c1 dies here, once c points at c2
print("  c now names", c.name)
c = None                    # and c2 dies here
print("  c is None")

print("4. a list releases its items last to first")
items = [Noisy("item0"), Noisy("item1"), Noisy("item2")]
del items

print("5. so does list.clear()")
items = [Noisy("x0"), Noisy("x1"), Noisy("x2")]
items.clear()
print("  list is empty:", items)

print("6. a dict releases its values in insertion order")
table = {"first": Noisy("first"), "second": Noisy("second")}
table["third"] = Noisy("third")
del table

print("7. a temporary dies as soon as the expression is done with it")
# Noisy("temp") has no name: once .name has been read from it nothing
# refers to it, so it is freed *before* print is even called.
print("  got", Noisy("temp").name)

print("8. removing an item frees just that item")
row = [Noisy("r0"), Noisy("r1"), Noisy("r2")]
del row[1]
print("  row now has", len(row), "items")
row.pop()
print("  popped the last item")
del row


def work():
    local = Noisy("local")
    print("  inside work()")


print("9. a function's locals die when the call returns")
work()
print("  work() returned")

print("10. a chain: freeing the head frees everything it held")
head = Noisy("head")
head.next = Noisy("middle")
head.next.next = Noisy("tail")
del head
print("done")
