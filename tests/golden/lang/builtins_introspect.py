# needs: core
# isinstance/issubclass, getattr family, callable, vars, dir, locals/globals,
# id/hash, type objects, repr/ascii/format, exit/quit objects
class Base:
    pass
class Child(Base):
    def __init__(self):
        self.x = 1
        self.y = "two"
    def method(self):
        return self.x
c = Child()
print(isinstance(c, Base), isinstance(c, (int, Base)), isinstance(c, ((str,), (Child,))), isinstance(1, ()))
print(isinstance(True, int), isinstance(1, bool), isinstance(1.0, (int, float)), isinstance(None, object), isinstance(int, type))
print(issubclass(Child, Base), issubclass(Base, Child), issubclass(bool, int), issubclass(int, (str, object)), issubclass(Child, Child))
print(isinstance(ValueError("x"), Exception), issubclass(KeyError, LookupError), issubclass(FileNotFoundError, OSError))
print(getattr(c, "x"), getattr(c, "missing", "dflt"), getattr(Child, "method")(c), hasattr(c, "y"), hasattr(c, "nope"))
setattr(c, "z", [1])
print(c.z, hasattr(c, "z"))
delattr(c, "z")
print(hasattr(c, "z"), getattr(1, "real"), getattr("abc", "upper")())
print(sorted(vars(c).items()), vars(c) is vars(c))
print("method" in dir(c), "x" in dir(c), "nothing" in dir(c), dir(c) == sorted(dir(c)))
print(callable(len), callable(Child), callable(c), callable(c.method), callable(lambda: 0), callable(1), callable("s"))
def fn(a, b=2):
    local_v = a + b
    return sorted(locals().items())
print(fn(1))
def outer():
    v = 10
    def inner():
        return v
    w = 3
    return sorted(locals()), inner()
print(outer())
g = globals()
print(g["Child"] is Child, "fn" in g, g is globals())
counter = 0
globals()["counter"] = 5
print(counter)
a = [1]
b = a
print(id(a) == id(b), id(a) == id([1]), id(None) == id(None), id(True) == id(True))
print(hash(1) == hash(1.0) == hash(True), hash("abc") == hash("ab" + "c"), hash((1, "a")) == hash((1, "a")), hash(None) == hash(None))
print(int, float, bool, str, list, tuple, dict, set, frozenset, type, object, slice, range)
print(super, property, staticmethod, classmethod, type(c), type(Child), type(1), type(None))
print(repr("it's"), repr('say "hi"'), repr([1, "a"]), repr(None), ascii("é😀"), ascii(["ñ"]), ascii(1))
print(format(3.14159, ".2f"), format(42, "08b"), format("x", "^5"), format(1234567, ","), format(0.25, "%"), format(True), format(None))
print(format(5), format(2.5), format("s"), format(-7, "+d"))
print(NotImplemented, Ellipsis, ..., Ellipsis is ..., type(NotImplemented).__name__)
print(repr(exit), repr(quit), type(exit).__name__)
tests = [
    lambda: isinstance(1, 1), lambda: isinstance(1, (str, 1)), lambda: issubclass(1, int), lambda: issubclass(int, 1),
    lambda: isinstance(1), lambda: getattr(c, "nope"), lambda: getattr(c, 5), lambda: getattr(c), lambda: setattr(c, 1, 2),
    lambda: hasattr(c, None), lambda: vars(1), lambda: callable(), lambda: hash([]),
    lambda: hash({}), lambda: id(), lambda: format(1, 2), lambda: format(1, "z"), lambda: format([], "x"), lambda: repr(),
    lambda: dir(1, 2), lambda: globals(1), lambda: len(5), lambda: len(), lambda: exit(1, 2),
]
for t in tests:
    try:
        print("no error:", t())
    except (TypeError, ValueError, AttributeError) as err:
        print(type(err).__name__ + ":", err)
