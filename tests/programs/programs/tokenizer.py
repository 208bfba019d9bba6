def tokenize(src):
    toks = []
    i = 0
    while i < len(src):
        ch = src[i]
        if ch == ' ':
            i += 1
        elif ch.isdigit():
            j = i
            while j < len(src) and src[j].isdigit():
                j += 1
            toks.append(('NUM', int(src[i:j])))
            i = j
        elif ch in '+-*/()':
            toks.append(('OP', ch))
            i += 1
        else:
            raise ValueError(f'bad char {ch!r} at {i}')
    return toks
def parse_expr(toks, pos):
    val, pos = parse_term(toks, pos)
    while pos < len(toks) and toks[pos][1] in ('+', '-'):
        op = toks[pos][1]
        rhs, pos = parse_term(toks, pos + 1)
        val = val + rhs if op == '+' else val - rhs
    return val, pos
def parse_term(toks, pos):
    val, pos = parse_atom(toks, pos)
    while pos < len(toks) and toks[pos][1] in ('*', '/'):
        op = toks[pos][1]
        rhs, pos = parse_atom(toks, pos + 1)
        val = val * rhs if op == '*' else val // rhs
    return val, pos
def parse_atom(toks, pos):
    kind, v = toks[pos]
    if v == '(':
        val, pos = parse_expr(toks, pos + 1)
        return val, pos + 1
    return v, pos + 1
for src in ('1 + 2 * 3', '(1 + 2) * 3', '100 / 7 - 2', '2 * (3 + (4 - 1)) * 5', '7 $ 2', '8 / 0'):
    try:
        print(src, '=', parse_expr(tokenize(src), 0)[0])
    except (ValueError, ZeroDivisionError) as e:
        print(src, '->', type(e).__name__, e)
