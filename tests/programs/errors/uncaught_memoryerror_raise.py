raise MemoryError('pretend')
