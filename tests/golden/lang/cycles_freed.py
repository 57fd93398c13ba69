# needs: core
# Reference cycles (an instance that refers to itself, a parent<->child pair,
# a closure kept in its own list) are found and freed by the cycle collector:
# gc.collect() counts them (CPython counts the same objects). The sanitizer
# run adds ASan's checks on the freeing itself.
import gc

class Node:
    def __init__(self):
        self.me = self
        self.payload = [0] * 100

class Parent:
    def __init__(self):
        self.child = Child(self)

class Child:
    def __init__(self, parent):
        self.parent = parent

def closure_cycle():
    fns = []
    def f():
        return fns
    fns.append(f)
    return len(fns)

gc.collect()
gc.disable()
print(gc.isenabled())
for i in range(1000):
    Node(); Parent(); closure_cycle()
found = gc.collect()
print(found >= 3000, gc.collect() < 100)
gc.enable()
for i in range(100000):
    Node(); Parent(); closure_cycle()
print(gc.isenabled(), "done")
