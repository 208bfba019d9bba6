def rpn(expr):
    stack = []
    ops = {'+': lambda a, b: a + b, '-': lambda a, b: a - b,
           '*': lambda a, b: a * b, '/': lambda a, b: a / b}
    for tok in expr.split():
        if tok in ops:
            b = stack.pop()
            a = stack.pop()
            stack.append(ops[tok](a, b))
        else:
            stack.append(float(tok) if '.' in tok else int(tok))
    return stack.pop()
for e in ('3 4 +', '5 1 2 + 4 * + 3 -', '2 3 4 * +', '1.5 2 *', '1 0 /', '+'):
    try:
        print(repr(e), '=', rpn(e))
    except ZeroDivisionError as err:
        print(repr(e), 'ZeroDivisionError:', err)
    except IndexError as err:
        print(repr(e), 'IndexError:', err)
