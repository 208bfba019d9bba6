s = 'mississippi'
print(s.count('s'), s.count('ss'), s.count('x'), s.count(''))
print(s.index('ss'), s.find('ss', 3), s.find('ss', 4))
print(s.upper().lower() == s, s.replace('ss', 'SS'))
