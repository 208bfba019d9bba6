for thunk in (lambda: min([]), lambda: max(()), lambda: min(1), lambda: max()):
    try:
        thunk()
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ':', e)
