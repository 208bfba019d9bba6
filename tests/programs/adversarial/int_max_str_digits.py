import sys
print(sys.get_int_max_str_digits())
big = 10 ** 1500
sys.set_int_max_str_digits(1000)
print(sys.get_int_max_str_digits())
for f in (str, repr, lambda v: f"{v}", lambda v: "%d" % v, lambda v: format(v, ",")):
    try:
        f(big)
        print("converted")
    except ValueError as e:
        print("ValueError:", e)
try:
    int("1" * 1001)
except ValueError as e:
    print("ValueError:", e)
print(len(str(int("1" * 1000))))
print(len(format(big, "x")), len(format(big, "b")), len(format(big, "o")))
print(int("f" * 1500, 16) == 16 ** 1500 - 1)
for bad in (1, 639, -1):
    try:
        sys.set_int_max_str_digits(bad)
    except ValueError as e:
        print("ValueError:", e)
print(sys.get_int_max_str_digits())
sys.set_int_max_str_digits(0)
print(len(str(10 ** 20000)), len(str(int("7" * 20000))))
sys.set_int_max_str_digits(640)
try:
    str(10 ** 640)
except ValueError:
    print("ValueError at 641 digits")
print(len(str(10 ** 639)))
sys.set_int_max_str_digits(4300)
print(sys.get_int_max_str_digits())
