# needs: core
# str.format / format_map / format(): field names, accessors, conversions,
# nested specs, and CPython's error messages.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __repr__(self):
        return "Point(%r, %r)" % (self.x, self.y)
    def __str__(self):
        return "(%s, %s)" % (self.x, self.y)

class Money:
    def __init__(self, v):
        self.v = v
    def __format__(self, spec):
        return "$" + format(self.v, spec or ".2f")

p = Point(1, "é")
print("{} {} {}".format(1, "two", 3.0), "{2}{1}{0}".format("a", "b", "c"), "{0}{0}".format("x"))
print("{x}-{y}".format(x=1, y=[2]), "{0.x} {0.y!r} {0!s} {0!r}".format(p))
print("{0[1]} {1[k]} {1[k][0]} {1[-1]}".format([5, 6], {"k": "val", "-1": 0}))
print("{:>6}|{:<6}|{:^6}|{:*^7}|{:06.2f}|{:+d}|{:x}|{:#o}|{:,}".format("ab", "cd", "ef", "g", 3.14159, 5, 255, 8, 1234567))
print("{:{}}|{:{}.{}f}|{:>{w}}".format("ab", 5, 3.14159, 8, 2, "r", w=4))
print("{0:{fill}^9}|{0!r:>8}|{0!a}".format("é", fill="~"))
print("{} {:.1%} {:e} {:g} {:n}".format(True, 0.1234, 1234.5, 0.00001234, 42))
print("{:d} {:5} {:<5}| {:b} {:c}".format(True, True, False, 10, 65))
print("{{}} {{{0}}} }}{{".format(7), "{!r:^9}".format("q"), "{0.real}".format(5))
print("{m} {m:.3f} {m:>10}".format(m=Money(2.5)), format(Money(3)), f"{Money(1.5):08.3f}")
print(format(p), format(None), format([1, 2]), format(3, ""), format("x"), format(2.50), format(1e16))
print("{a} and {b}".format_map({"a": 1, "b": "two"}), "{:>4}|".format("é"), "{:.2}".format("éàü"))
print("{0:>{1}}".format("x", 3), "{:{}>{}}".format("x", "_", 4), "{:}".format(12), "{!s:}".format(1.5))
for fmt, args, kw in [("{", (), {}), ("}", (), {}), ("{0}{}", (1, 2), {}), ("{}{0}", (1, 2), {}),
                      ("{1}", (1,), {}), ("{a}", (), {}), ("{0.nope}", (1,), {}), ("{0[5]}", ([1],), {}),
                      ("{!x}", (1,), {}), ("{:d}", ("a",), {}), ("{:s}", (1,), {}), ("{:x}", (1.5,), {}),
                      ("{a", (), {}), ("{0!}", (1,), {}), ("{0!rr}", (1,), {}), ("{0[}", (1,), {}),
                      ("{0[0]x}", ([1],), {}), ("{0.}", (1,), {}), ("{:}}", (1,), {}),
                      ("{:{:{}}}", (1, 2, 3), {}), ("{:,s}", ("a",), {}), ("{:=5}", ("a",), {}),
                      ("{:+}", ("a",), {}), ("{:#}", ("a",), {}), ("{0:", (1,), {}), ("{:q}", (1,), {})]:
    try:
        print(repr(fmt.format(*args, **kw)))
    except (ValueError, IndexError, KeyError, TypeError, AttributeError) as e:
        print(type(e).__name__, e)
for v, spec in [(object(), "x"), (None, ">5"), ([1], "d"), ("s", 5)]:
    try:
        print(format(v, spec))
    except TypeError as e:
        print("TypeError", e)
try:
    "{}".format_map({})
except ValueError as e:
    print("ValueError", e)
