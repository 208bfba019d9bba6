import sys
class E(Exception):
    pass
payload = []
try:
    raise E(payload)
except E as e:
    print(sys.getrefcount(payload) >= 3)
print(sys.getrefcount(payload))
