print('single', "double")
print('it\'s', "say \"hi\"")
print('tab\there', 'nl\\n', 'bs\\')
print('\x41\x42', '\101', '\u00e9', '\U000000e9' == '\u00e9')
print("""triple
quoted""")
print('''a
b''' == 'a\nb')
print('abc' 'def', "x" 'y')
print(r'raw\n', len(r'\n'))
print(len('\n\t\\'), repr('\n\t\\'))
