# stack_and_heap.py -- names are references to objects.
#
# A Python variable is not a box holding a value.  It is a name, kept in a
# frame (the "stack" side), that refers to an object living on the heap.
# Every object carries a header with its reference count and its type; a
# name, a list slot or a dict value all hold nothing but a pointer to it.
#
#     frame of <module>            heap
#     +---------+                  +-----------------------------+
#     | a  o----+----------------->| list  refcnt=2  [1, 2, 3]   |
#     | b  o----+----------------->|                             |
#     +---------+                  +-----------------------------+
#
# So "b = a" copies the pointer, never the list.

# Two names, one object.
a = [1, 2, 3]
b = a
b.append(4)                 # mutate through b ...
print("a =", a)             # ... and a sees it: there is only one list
print("a is b:", a is b)    # `is` compares identity (the same object)

# `==` compares values; `is` compares identity.  Two lists built
# separately are equal but are two distinct objects.
c = [1, 2, 3, 4]
print("a == c:", a == c)
print("a is c:", a is c)

# id() is the object's identity.  Its number is an address and changes from
# run to run, so we only ever compare ids, never print them.
print("id(a) == id(b):", id(a) == id(b))
print("id(a) == id(c):", id(a) == id(c))

# Rebinding is not mutation.  Assigning to b again points the name b at a
# new object; the old list is untouched and a still refers to it.
b = [9]
print("after rebinding b: a =", a, " b =", b)

# The same two ideas decide what a function can do to its caller's data.
# The parameter is a new name bound to the caller's object.


def append_one(items):
    # Mutation: the caller's list changes, because items IS that list.
    items.append(1)


def replace_all(items):
    # Rebinding: the local name now points elsewhere; the caller's list
    # is not touched.
    items = [0, 0, 0]
    return items


nums = [5]
append_one(nums)
print("after append_one:", nums)
result = replace_all(nums)
print("after replace_all:", nums, " returned", result)

# Augmented assignment on a list mutates in place (list.__iadd__), so
# every name sharing the list sees the change ...
x = [1]
y = x
x += [2]
print("list  +=: x =", x, " y =", y, " same object:", x is y)

# ... but ints are immutable: += builds a new int and rebinds the name.
i = 1000
j = i
i += 1
print("int   +=: i =", i, " j =", j, " same object:", i is j)

# Strings are immutable too: "changing" one makes a new string.
s = "heap"
t = s
s = s + "!"
print("str   + : s =", s, " t =", t, " same object:", s is t)

# A tuple is immutable, but it holds references: the list inside it can
# still be mutated, and every reference sees the change.
inner = []
pair = (inner, "label")
inner.append("added")
print("tuple holding a list:", pair)

# Copying: list(x) and x[:] make a new outer list whose slots point at the
# same inner objects (a shallow copy).
grid = [[0], [0]]
copy = grid[:]
copy[0].append(7)
print("shallow copy shares rows:", grid, " outer same:", copy is grid)
print("rows same:", copy[0] is grid[0])
