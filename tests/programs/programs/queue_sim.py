queue = []
served = []
clock = 0
arrivals = [(0, 'a', 3), (1, 'b', 2), (2, 'c', 1), (8, 'd', 2)]
busy_until = 0
while arrivals or queue:
    while arrivals and arrivals[0][0] <= clock:
        t, name, work = arrivals.pop(0)
        queue.append((name, work))
        print(f't={clock}: {name} arrives, queue={[q[0] for q in queue]}')
    if queue and clock >= busy_until:
        name, work = queue.pop(0)
        busy_until = clock + work
        served.append((name, clock))
        print(f't={clock}: serving {name} until {busy_until}')
    clock += 1
print(served)
