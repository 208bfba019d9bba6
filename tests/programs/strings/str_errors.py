for thunk in (lambda: 'abc'.split(''), lambda: '{0}'.format(), lambda: '{x}'.format(),
              lambda: '{'.format(1), lambda: '}'.format(1), lambda: 'a'.join(['b', 3]),
              lambda: 'abc'[1:2:0], lambda: 'a' < 1, lambda: 'abc'.replace('a'),
              lambda: 'abc'.startswith(1), lambda: 'x'.find(), lambda: '{:d}'.format('s'),
              lambda: '{0:.2f}'.format('s'), lambda: 'ab' - 'a', lambda: ord(''), lambda: chr('a')):
    try:
        print(thunk())
    except (ValueError, TypeError, IndexError, KeyError) as e:
        print(type(e).__name__ + ':', e)
