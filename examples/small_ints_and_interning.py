# small_ints_and_interning.py -- when equal values are the same object.
#
# Immutable values can be shared safely, so the runtime shares some of
# them to save memory and time:
#
#   small ints   -5 .. 256 are made once, at start-up, and every
#                computation that produces one of them returns the
#                cached object instead of a new one;
#   interned     one copy per distinct string: string constants that
#   strings      look like identifiers (letters, digits, underscore) and
#                all names of variables and attributes are interned, and
#                sys.intern() interns any string on request.
#
# Interned keys make dict lookups of names fast: an identical pointer is
# found equal without comparing characters.
# None of this changes what `==` says.  Use `==` to compare values; use
# `is` only to ask "is this the very same object?" (as in `x is None`).
import sys

# int() builds its result at run time, so it shows what the cache does.
print("int('256') is int('256'):", int("256") is int("256"))
print("int('257') is int('257'):", int("257") is int("257"))
print("int('-5') is int('-5'):  ", int("-5") is int("-5"))
print("int('-6') is int('-6'):  ", int("-6") is int("-6"))
print("but always equal:        ", int("257") == int("257"))

# Find the cached range by trying every value from -10 to 299.
cached = []
for i in range(-10, 300):
    if int(str(i)) is int(str(i)):
        cached.append(i)
print("cached ints:", cached[0], "..", cached[-1], "(", len(cached), "values )")

# Arithmetic goes through the same cache: two sums computed separately
# give the same object for 256, two different objects for 257.
n = 200
m = 56
print("(n + m) is (n + m), 256:", n + m is n + m)
print("(n + m + 1) is (n + m + 1), 257:", n + m + 1 is n + m + 1)

# A runtime-built string equal to a constant is a different object ...
word = "hello_world"
built = "".join(["hello", "_", "world"])
print("equal:", word == built, " same object:", word is built)

# ... but the constant is interned, so sys.intern(built) returns it.
print("sys.intern(built) is word:", sys.intern(built) is word)

# A constant with a space or punctuation is not identifier-like: it is
# not interned automatically.  sys.intern() then stores the string it is
# given, which from then on is the one copy.
phrase = "hello world!"
built2 = "".join(["hello ", "world!"])
interned = sys.intern(built2)
print("'hello world!' constant was interned:", interned is phrase)
print("sys.intern kept the built string:", interned is built2)
print("and returns that copy from now on:", sys.intern(phrase) is built2)


# Names are interned too: an identifier-like constant in a function is
# the same object as an equal one anywhere else in the program.
def greeting():
    return "good_morning"


later = sys.intern("good_" + "".join(["mor", "ning"]))
print("function constant is the interned copy:", greeting() is later)

# Interning pays off when the same strings are compared or looked up many
# times (field names, tags): identity is checked before the characters.
tags = [sys.intern("".join(["t", "a", "g"])) for i in range(3)]
print("three interned 'tag' strings, one object:",
      tags[0] is tags[1] and tags[1] is tags[2])

# The right way to compare values is always ==.
big1 = int("1000000")
big2 = int("1000000")
print("big1 == big2:", big1 == big2, " big1 is big2:", big1 is big2)
nothing = None
print("nothing is None:", nothing is None)
