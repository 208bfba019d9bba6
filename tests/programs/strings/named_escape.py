s = '\N{LATIN SMALL LETTER E WITH ACUTE}'
print(s == '\u00e9', len(s), ord(s))
print('\N{EURO SIGN}' == '\u20ac')
