# see_stack_heap.py -- seeing names on the stack point at objects on the heap.
#
# A name is not a box holding a value: it is a reference, kept in a frame,
# to an object that lives on the heap.  Assignment copies the reference,
# never the object.  mem.graph() draws exactly that: the frames of the
# call stack on the left, one row per name, and arrows to the objects on
# the right, each with its type, value, reference count, size, size class
# and collector generation.
#
# Draw the pictures (Graphviz's dot renders .svg and .png; .dot is text):
#
#   build/minipy --heap-graph stack_heap.svg examples/see_stack_heap.py
#
# Each mem.graph() call writes stack_heap-1.svg, stack_heap-2.svg, ...
# and the last picture, at exit, is stack_heap.svg.  Run without
# --heap-graph, mem.graph() returns the DOT text and draws nothing; the
# lesson prints what the pictures show so that you can check them.
import mem
import sys


def average(numbers):
    # Picture 2: a second frame sits on top of <module>.  Its name
    # 'numbers' points at the same list as 'scores' below: calling a
    # function copies the reference, not the list.
    total = sum(numbers)
    mem.graph()
    return total / len(numbers)


# Picture 1: two names, one list.  The list's refcount is 2 (scores and
# alias); sys.getrefcount adds one for its own argument.
scores = [90, 85, 77]
alias = scores
mem.graph()
print("alias is scores:", alias is scores)
print("references to the list:", sys.getrefcount(scores) - 1)

# Inside the call the list has one more reference: the parameter.
print("average:", average(scores))

# Picture 3: rebinding a name moves its arrow; the old object keeps its
# other reference.  The small ints 90, 85, 77 are shared objects (grey in
# the picture): every 85 in the program is the same object.
alias = [90, 85, 77]
mem.graph()
print("alias is scores:", alias is scores, "| alias == scores:",
      alias == scores)
print("references to the first list:", sys.getrefcount(scores) - 1)

# Picture 4: nesting.  A list inside a list is just another arrow.
table = [scores, alias, scores]
mem.graph()
print("references to scores' list:", sys.getrefcount(scores) - 1)
