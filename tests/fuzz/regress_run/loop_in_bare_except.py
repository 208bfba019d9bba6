try:
    while True: pass
except:
    while True: pass
