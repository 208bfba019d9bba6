def classify(thunk):
    try:
        thunk()
    except (KeyError, IndexError) as e:
        return 'lookup ' + type(e).__name__
    except ZeroDivisionError:
        return 'zero'
    except Exception as e:
        return 'other ' + type(e).__name__
    return 'ok'
print(classify(lambda: {}[1]), classify(lambda: [][0]), classify(lambda: 1 // 0))
print(classify(lambda: int('x')), classify(lambda: None), classify(lambda: 'a' + 1))
