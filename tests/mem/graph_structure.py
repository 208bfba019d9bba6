# The DOT text of mem.graph() read back: which name points at which
# object, and the refcount shown equals sys.getrefcount(x) - 1 at the call.
import mem
import sys


def parse(dot):
    """(names, nodes): names maps (frame, name) to a node id, nodes maps a
    node id to {"type", "value", "refcount", "edges"}."""
    ports, names, nodes = {}, {}, {}
    node = None
    for line in dot.split("\n"):
        s = line.strip()
        if s.startswith('<tr><td port="'):
            port = s.split('"')[1]
            ports[port] = s.split(">")[2].split("<")[0]
        elif s.startswith("o") and "[label=<<table" in s:
            node = s.split(" ")[0]
            nodes[node] = {"value": None, "edges": []}
        elif node is not None and "<b>" in s:
            nodes[node]["type"] = s.split("<b>")[1].split("</b>")[0]
        elif node is not None and "refcount" in s:
            rc = s.split("refcount ")[1].split(",")[0].split("<")[0]
            nodes[node]["refcount"] = int(rc)
        elif node is not None and s.startswith("<tr><td>"):
            nodes[node]["value"] = s[8:].split("</td>")[0]
        elif s.startswith("stack:"):
            port = s.split(":")[1]
            target = s.split("-> ")[1].rstrip(";")
            names[(port.split("_")[0], ports[port])] = target
        elif " -> " in s:
            source, rest = s.split(" -> ")
            target = rest.split(" ")[0].rstrip(";")
            label = rest.split("label=<")[1].split(">")[0]
            nodes[source]["edges"].append((label, target))
    return names, nodes


def show(names, nodes, frame, name, value):
    node = nodes[names[(frame, name)]]
    want = sys.getrefcount(value) - 2   # the call's argument and 'value'
    print(frame, name, "->", node["type"], node["value"],
          "refcount", node["refcount"],
          "ok" if node["refcount"] == want else "expected %d" % want)
    return node


class Box:
    def __init__(self, item):
        self.item = item


def inner(a, b):
    c = [a, b, a]
    c.append(c)
    box = Box(c)
    dot = mem.graph()
    names, nodes = parse(dot)
    show(names, nodes, "f0", "a", a)
    show(names, nodes, "f0", "b", b)
    node = show(names, nodes, "f0", "c", c)
    print("  c edges:", node["edges"])
    node = show(names, nodes, "f0", "box", box)
    print("  box edges:", [label for label, target in node["edges"]])
    print("  same object:", names[("f0", "a")] == names[("f1", "data")])
    return nodes


data = [1, 2, 3]
text = "not interned " + str(len(data))
count = 1000 + len(data)
nodes = inner(data, text)
print(sorted({n["type"]: 1 for n in nodes.values()}))
names, nodes = parse(mem.graph(depth=1))
show(names, nodes, "f0", "data", data)
show(names, nodes, "f0", "count", count)
print(len(nodes), "objects at depth 1")

# A big container: the first 16 items get arrows, and its box says that
# more were left out.
big = list(range(1000, 1100))
dot = mem.graph(depth=2)
names, nodes = parse(dot)
node = nodes[names[("f0", "big")]]
print([label for label, target in node["edges"]][:3], len(node["edges"]))
print("more references not drawn" in dot, len(nodes) <= 150)
