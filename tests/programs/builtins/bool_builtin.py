class Z:
    def __len__(self):
        return 0
print(bool(Z()), bool(1), bool('0'), bool(0.0), bool(-0.0), bool(1e-300))
print(True and 'x', False or 'y', bool(None) == False, True is bool(1))
