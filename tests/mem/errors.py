# Bad arguments give CPython-style TypeError / ValueError messages.
import mem


def show(f, *args, **kwargs):
    try:
        f(*args, **kwargs)
    except (TypeError, ValueError, OSError) as e:
        print(type(e).__name__ + ":", e)
    else:
        print("no error")


for f in [mem.current, mem.peak, mem.reset_peak, mem.stats, mem.dump,
          mem.map]:
    show(f, 1)
    show(f, x=1)
show(mem.trace)
show(mem.trace, True, "alloc", None, 4)
show(mem.trace, True, events=3)
show(mem.trace, True, "alloc,,free")
show(mem.trace, True, "alloc,")
show(mem.trace, True, "")
show(mem.trace, True, "malloc")
show(mem.trace, True, type=["list"])
show(mem.trace, True, type="x" * 64)
show(mem.trace, True, on=False)
show(mem.trace, False, colour="red")
show(mem.trace, False)
show(mem.graph, 1)
show(mem.graph, None, 0)
show(mem.graph, depth=51)
show(mem.graph, depth="deep")
show(mem.graph, depth=2 ** 70)
show(mem.graph, None, 3, 4)
show(mem.graph, "/nonexistent/dir/graph.dot")
show(mem.graph, size=3)
print(type(mem.graph(depth=True)).__name__)
print(mem.current() > 0, mem.peak() >= mem.current())
