for thunk in (lambda: 1 << -1, lambda: 1 >> -1, lambda: pow(2, 3, 0), lambda: pow(2, -1, 5), lambda: pow(2, -1, 4),
              lambda: round(25, -1), lambda: round(35, -1), lambda: round(-25, -1), lambda: 5 // 0,
              lambda: divmod(10 ** 30, 0), lambda: int('1' * 10, 2), lambda: 0 ** -1, lambda: (-8) // 3 ** 40):
    try:
        print(thunk())
    except (ZeroDivisionError, ValueError, OverflowError) as e:
        print(type(e).__name__ + ':', e)
