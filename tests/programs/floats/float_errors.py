for thunk in (lambda: 1 / 0.0, lambda: 1 // 0.0, lambda: 1 % 0.0, lambda: divmod(1, 0.0),
              lambda: 0.0 ** -1, lambda: float('1e500'), lambda: int(1e300) % 1000007,
              lambda: 10.0 ** 400, lambda: round(1e300) % 1000, lambda: float('abc'), lambda: float(''),
              lambda: round(2.5, 300), lambda: 2.5 ** 0.5):
    try:
        print(thunk())
    except (ZeroDivisionError, OverflowError, ValueError) as e:
        print(type(e).__name__ + ':', e)
