pairs = [(ZeroDivisionError, Exception), (KeyError, Exception), (IndexError, Exception),
         (ValueError, Exception), (Exception, BaseException), (RecursionError, RuntimeError),
         (OverflowError, Exception), (StopIteration, Exception), (AssertionError, Exception),
         (NotImplementedError, RuntimeError), (TypeError, ValueError), (KeyError, IndexError),
         (AttributeError, Exception), (NameError, Exception), (MemoryError, Exception),
         (RuntimeError, TypeError)]
for sub, sup in pairs:
    try:
        raise sub('m')
    except sup:
        print(sub.__name__, 'is a', sup.__name__)
    except BaseException:
        print(sub.__name__, 'is not a', sup.__name__)
