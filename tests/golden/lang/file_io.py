# needs: core
# open(): modes, read/readline/readlines/write/writelines, iteration, with,
# universal newlines, closed files, errors (errno attributes)
import os
f = open("t.txt", "w")
print(f.write("héllo\nwörld\r\nthird\rlast"), f.name, f.mode, f.closed, f.encoding)
print("printed", 1, file=f)
f.writelines(["a\n", "b\n"])
f.close()
print(f.closed)
f.close()
with open("t.txt") as g:
    print(repr(g.read(2)), repr(g.read(3)), repr(g.readline()), repr(g.readline(3)), repr(g.readline()))
    print(g.readlines())
    print(repr(g.read()), repr(g.readline()), g.readlines())
with open("t.txt", "r") as g:
    print(g.readlines(8))
    print(len(g.read()))
with open("t.txt") as g:
    print([line for line in g])
print(list(open("t.txt"))[-2:])
with open("t.txt", "a") as g:
    print(g.write("more\n"), g.writable(), g.readable())
print(open("t.txt").read().splitlines())
with open("t.txt", "w+") as g:
    g.write("rewritten\nfile\n")
    print(g.tell())
    g.seek(0)
    print(repr(g.read()), g.readable(), g.writable())
with open("t.txt", "r+") as g:
    print(repr(g.read(4)))
with open("t.txt", "rt") as g, open("copy.txt", "w") as h:
    for line in g:
        h.write(line.upper())
print(open("copy.txt").read(), end="")
with open("empty.txt", "w"):
    pass
e = open("empty.txt")
print(repr(e.read()), repr(e.readline()), e.readlines(), list(e))
e.close()
with open("data.csv", "w") as out:
    for i in range(1, 4):
        out.write(f"{i},{i * 1.5}\n")
total = 0.0
for line in open("data.csv"):
    a, b = line.strip().split(",")
    total += int(a) * float(b)
print(total)
print(sorted(os.listdir(".")))
print(os.path.exists("t.txt"), os.path.isfile("t.txt"), os.path.getsize("copy.txt"))
with open("t.txt") as g:
    pass
for action in [lambda: g.read(), lambda: g.readline(), lambda: next(iter(g)), lambda: g.write("x")]:
    try:
        action()
    except ValueError as err:
        print("ValueError:", err)
try:
    with g:
        pass
except ValueError as err:
    print("ValueError:", err)
w = open("w.txt", "w")
try:
    w.write(5)
except TypeError as err:
    print("TypeError:", err)
w.close()
for name, mode in [("missing.txt", "r"), ("no/such/dir.txt", "w"), (".", "r"), ("t.txt", "x")]:
    try:
        open(name, mode)
    except OSError as err:
        print(type(err).__name__, err.errno, repr(err.filename), "|", err)
for mode in ["q", "rw", "rr", "", "rbt", "U"]:
    try:
        open("t.txt", mode)
    except ValueError as err:
        print("ValueError:", err)
for bad in [5.0, None]:
    try:
        open(bad)
    except TypeError as err:
        print("TypeError:", err)
try:
    open()
except TypeError as err:
    print("TypeError:", err)
try:
    open("t.txt", mode=1)
except TypeError as err:
    print("TypeError:", err)
try:
    open("missing.txt")
except FileNotFoundError:
    print("caught as FileNotFoundError")
os.remove("w.txt")
print(os.path.exists("w.txt"))
print(type(open("t.txt")).__name__)
closed_w = open("q.txt", "w")
closed_w.close()
print(repr(closed_w), closed_w.name, closed_w.mode, closed_w.closed)
for m in ["readable", "writable", "flush", "fileno", "isatty", "tell", "close"]:
    try:
        print(m, getattr(closed_w, m)())
    except ValueError as err:
        print(m, "ValueError:", err)
closed_r = open("q.txt")
closed_r.close()
for m in ["readable", "writable"]:
    try:
        print(m, getattr(closed_r, m)())
    except ValueError as err:
        print(m, "ValueError:", err)
