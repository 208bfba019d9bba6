class K:
    print('class body runs')
    x = 1
    y = x + 1
    def m(self):
        return self.y
print(K.x, K.y, K().m())
