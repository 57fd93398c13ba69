# needs: core
# print (sep, end, file, flush), sys.stdout redirection, input at EOF
import sys
print()
print("a", 1, 2.5, None, True, [1, "x"], (2,), {"k": 3})
print("a", "b", "c", sep="")
print("a", "b", sep=None, end=None)
print(1, 2, 3, sep=" | ", end=" <end>\n")
print("no newline", end="")
print()
print(*range(5), sep=", ")
print(*[], sep="x")
print("flushed", flush=True)
print("tab\there", "quote'", 'dq"')
class Writer:
    def __init__(self):
        self.parts = []
    def write(self, s):
        self.parts.append(s)
        return len(s)
    def flush(self):
        self.parts.append("<flush>")
w = Writer()
print("to", "writer", file=w, flush=True)
print(w.parts)
print("to stderr", file=sys.stderr)
n = sys.stdout.write("written directly\n")
print(n)
old = sys.stdout
sys.stdout = w
print("captured")
sys.stdout = old
print(w.parts[-1] == "captured\n")
for bad in [dict(sep=1), dict(end=[]), dict(file=5)]:
    try:
        print("x", **bad)
    except (TypeError, AttributeError) as e:
        print(type(e).__name__, e)
try:
    print("x", foo=1)
except TypeError as e:
    print(e)
print(repr(str(None)), str(1.0), str(-0.0), str(1e16), str(1e-5))
try:
    input("prompt: ")
except EOFError as e:
    print()
    print("EOFError:", e)
try:
    input(1, 2)
except TypeError as e:
    print(e)
