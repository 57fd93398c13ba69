# needs: core
# printf-style `fmt % args`: conversions, flags, widths, '*', mapping keys,
# objects with __float__/__int__, and CPython's error messages.
class Num:
    def __float__(self):
        return 2.5
    def __int__(self):
        return 7
    def __index__(self):
        return 7

print("%s|%r|%a|%%|%c|%c" % ("é", "é", "é", 97, "z"))
print("%d|%i|%u|%5d|%-5d|%05d|%+d|% d|%.3d|%+.3d" % (1, 2, 3, 42, 42, -42, 7, 7, 5, 5))
print("%x|%X|%#x|%#X|%o|%#o|%08x|%-#6x|" % (255, 255, 255, 255, 8, 8, 255, 255))
print("%f|%.2f|%10.3f|%-10.1f|%+f|%010.2f|%.0f|%#.0f" % (3.14159, 2.675, 1.5, 1.5, 1.0, -3.14159, 2.5, 2.5))
print("%e|%.2E|%g|%G|%.3g|%#g|%g|%g" % (12345.678, 0.000123, 1e-5, 1e20, 3.14159, 1.5, 100000.0, 1e6))
print("%s %s %s" % (float("inf"), float("-inf"), float("nan")), "%f|%5.1f|%E" % (float("inf"), float("-inf"), float("nan")))
print("%*d|%-*d|%.*f|%*.*f" % (5, 1, 5, 2, 2, 3.14159, 8, 3, 2.71828))
print("%(a)s-%(b)05.1f-%(a)r" % {"a": "x", "b": 2.25}, "%(k)s" % {"k": [1, 2]})
print("%s" % (1,), "%s" % [1, 2], "%s" % {"a": 1}, "%s %s" % ((1, 2), 3), "%s" % ((1, 2),))
print("%d %d" % (3.99, -3.99), "%d" % True, "%x" % False, "%.1f" % 3, "%c" % 0x3bb)
print("%d|%x|%.2f|%s" % (Num(), Num(), Num(), "ok"))
print("%5s|%-5s|%.2s|%5.1s|%05s" % ("ab", "ab", "abc", "xyz", "a"))
print("%s" % None, "%r" % None, "%s %s" % (True, False), "%10r|" % "é")
print("x" % (), "x" % [], "x" % {}, "%%" % ())
for fmt, args in [("%d", "x"), ("%d %d", (1,)), ("%d", (1, 2)), ("%x", 1.5), ("%c", "ab"),
                  ("%c", 1.5), ("%z", 1), ("%(a)s", 1), ("%(a)s", {}), ("%", ()), ("%s %(a)s", {"a": 1}),
                  ("%*d", ("a", 1)), ("%(a)*d", {"a": 1}), ("%s", ()), ("%d", {}), ("x", 1),
                  ("%i", "1"), ("%d", None), ("%f", "a"), ("%f", None), ("%c", 0x110000),
                  ("%c", -1), ("%(a", {"a": 1}), ("%5", (1,)), ("%.", (1,)), ("%o", "s")]:
    try:
        print(repr(fmt % args))
    except (TypeError, ValueError, KeyError, OverflowError) as e:
        print(type(e).__name__, e)
