"""Replays on python3 (CPython 3.11) the measurements the collector tests
in tests/gc/ assert, and prints what CPython shows.

Run: python3 tests/gc/gc_counts.py
The counting part uses instances of a Python class (no free list hides
them); get_count() values include a few objects the interpreter allocates
itself (the tuples get_count returns), noted beside each line.
"""
import gc


class A:
    pass


def counts():
    keep = [None] * 20000
    gc.collect()
    out = [gc.get_count()]      # (0, 0, 0); 'out' and the tuple: +2
    i = 0
    while i < 699:              # 2 + 699 = 701: the last A() triggers
        keep[i] = A()
        i += 1
    out.append(gc.get_count())  # (0, 1, 0)
    keep[i] = A()
    i += 1
    out.append(gc.get_count())  # (2, 1, 0): tuple + one A after the trigger
    while i < 12 * 701 - 3:
        keep[i] = A()
        i += 1
    out.append(gc.get_count())  # (x, 0, 1): the 12th trigger collected gen 1
    return out


def cycles():
    def run(build):
        gc.collect()
        build()
        return gc.collect()

    def two_lists():
        a = []; b = [a]; a.append(b)

    def self_list():
        a = []; a.append(a)

    def self_dict():
        d = {}; d['self'] = d

    def list_tuple():
        l = []; t = (l,); l.append(t)

    def list_tuple_dict():
        l = []; d = {'l': l}; t = (d,); l.append(t)

    return [run(f) for f in (two_lists, self_list, self_dict, list_tuple,
                             list_tuple_dict)]


def untracking():
    inner = tuple([5, 6]); outer = tuple([inner, 7]); holder = [outer]
    r = [gc.is_tracked(inner), gc.is_tracked(outer)]
    gc.collect(); r += [gc.is_tracked(inner), gc.is_tracked(outer)]
    gc.collect(); r += [gc.is_tracked(outer)]
    outer = tuple([tuple([5, 6]), 7]); holder = [outer]
    gc.collect(); r += [gc.is_tracked(outer), gc.is_tracked(outer[0])]
    gc.collect(); r += [gc.is_tracked(outer)]
    d = {'a': []}; r += [gc.is_tracked(d)]
    del d['a']; d['b'] = 1; r += [gc.is_tracked(d)]
    gc.collect(1); r += [gc.is_tracked(d)]
    gc.collect(); r += [gc.is_tracked(d)]
    r += [gc.is_tracked({'a': 1})]
    t = tuple([1, 2]); d2 = {1: t}; r += [gc.is_tracked(d2)]
    gc.collect(); r += [gc.is_tracked(t), gc.is_tracked(d2)]
    return r


if __name__ == '__main__':
    print('counts', counts())
    print('cycles', cycles())
    print('untracking', untracking())
