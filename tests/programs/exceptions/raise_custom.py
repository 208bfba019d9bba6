class MyError(Exception):
    pass
class SubError(MyError):
    def __init__(self, code):
        Exception.__init__(self, 'code', code)
        self.code = code
try:
    raise MyError('boom')
except MyError as e:
    print(type(e).__name__, e, e.args)
try:
    raise SubError(42)
except MyError as e:
    print(type(e).__name__, e.code, e.args, isinstance(e, Exception))
try:
    raise ValueError
except ValueError as e:
    print(repr(e), e.args)
