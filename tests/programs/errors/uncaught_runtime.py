raise RuntimeError('custom runtime problem')
