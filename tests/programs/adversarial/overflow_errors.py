cases = [lambda: len(range(2 ** 64)), lambda: [1] * (2 ** 63), lambda: 2 ** 1024 * 1.0,
         lambda: float(2 ** 1024), lambda: 1e308 * 10, lambda: int(float('inf')),
         lambda: int(float('nan')), lambda: 'a' * (2 ** 63), lambda: round(float('inf')),
         lambda: (2 ** 2000) / 3, lambda: 10 ** 400 // 1e-10]
for c in cases:
    try:
        print(c())
    except (OverflowError, ValueError, MemoryError) as e:
        print(type(e).__name__ + ':', e)
