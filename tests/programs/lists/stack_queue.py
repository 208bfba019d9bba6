stack = []
for i in range(5):
    stack.append(i * i)
    print('push', stack)
while stack:
    print('pop', stack.pop(), stack)
q = list('abcd')
while q:
    print('deq', q.pop(0), q)
