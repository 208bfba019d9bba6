class Stack:
    def __init__(self):
        self._items = []
    def push(self, x):
        self._items.append(x)
    def pop(self):
        return self._items.pop()
    def __len__(self):
        return len(self._items)
def balanced(s):
    st = Stack()
    pairs = {')': '(', ']': '[', '}': '{'}
    for ch in s:
        if ch in '([{':
            st.push(ch)
        elif ch in pairs:
            if not len(st) or st.pop() != pairs[ch]:
                return False
    return len(st) == 0
for s in ('()', '([]{})', '(]', '((', '', 'a(b)c'):
    print(repr(s), balanced(s))
