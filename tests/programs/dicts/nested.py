cfg = {'db': {'host': 'h', 'ports': [1, 2]}, 'debug': False}
print(cfg['db']['ports'][1], cfg)
cfg['db']['ports'].append(3)
cfg['new'] = {'x': {}}
cfg['new']['x']['y'] = 1
print(cfg)
