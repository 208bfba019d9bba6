class AppError(Exception):
    pass
def run():
    raise AppError('bad', 42)
run()
