s = 'the cat sat on the mat'
print(s.find('at'), s.find('the', 1), s.find('dog'), s.find(''), s.find('at', 10, 20))
print(s.replace('at', 'og'), s.replace('the', 'a', 1), s.replace('zz', 'y'))
print('aaa'.replace('a', 'bb'), 'abc'.replace('', '-'))
print(s.startswith('the'), s.startswith('cat'), s.endswith('mat'), s.endswith(''))
print(s.startswith(('x', 'th')), s.endswith(('at', 'q')))
