# needs: core
# abs, round, pow, divmod, hex, oct, bin, chr, ord (values and errors)
print(abs(-5), abs(5), abs(-2.5), abs(-0.0), abs(True), abs(False), type(abs(True)).__name__, abs(-2**62))
print(round(2.5), round(3.5), round(-2.5), round(-0.5), round(0.5), round(1.4999999999999999), type(round(2.7)).__name__)
print(round(2.675, 2), round(1.005, 2), round(0.125, 2), round(0.375, 2), round(-1.25, 1), round(1234.5678, -2))
print(round(1250.0, -2), round(1350.0, -2), round(0.5, 0), round(-0.4, 0), round(1e-20, 5), round(123.456, 10))
print(round(7), round(7, 2), round(15, -1), round(25, -1), round(-15, -1), round(1234, -2), round(1250, -2), round(99, -5))
print(round(True), round(2.5, None), round(float("inf"), 2), round(float("nan"), 1), type(round(3, None)).__name__)
print(pow(2, 10), pow(2, -2), pow(2.0, 3), pow(-8, 2), pow(4, 0.5), pow(0, 0), pow(0.0, 0))
print(pow(3, 4, 5), pow(-3, 3, 7), pow(3, 3, -7), pow(2, 100, 1000000007), pow(7, -1, 10), pow(3, -2, 7), pow(5, 0, 1))
print(pow(base=2, exp=5), pow(2, exp=3, mod=3), 2 ** -1, (-2) ** 2)
print(divmod(17, 5), divmod(-17, 5), divmod(17, -5), divmod(-17, -5), divmod(0, 3), divmod(True, 2))
print(divmod(7.5, 2), divmod(-7.5, 2), divmod(7, -2.5), divmod(-0.0, 1), divmod(0.0, -1), divmod(1e308, 1e-308))
print(divmod(5, 0.5), divmod(-1, 3.0), divmod(3.0, -1), 7.5 // 2 == divmod(7.5, 2)[0], -7.5 % 2 == divmod(-7.5, 2)[1])
print(hex(255), hex(-255), hex(0), oct(8), oct(-64), bin(5), bin(-5), bin(0), bin(True), hex(9223372036854775807))
print(chr(65), chr(97), chr(48), chr(0x263A), chr(0x1F600), chr(233), repr(chr(0)), repr(chr(127)))
print(ord("A"), ord("a"), ord(" "), ord("é"), ord("€"), ord("😀"), ord(chr(0x10FFFF)))
print([ord(c) for c in "tl"], "".join(chr(c) for c in [104, 105]))
class Idx:
    def __index__(self):
        return 10
class Num:
    def __abs__(self):
        return "abs called"
    def __round__(self, n=None):
        return ("round", n)
    def __divmod__(self, other):
        return ("divmod", other)
    def __rdivmod__(self, other):
        return ("rdivmod", other)
print(hex(Idx()), bin(Idx()), chr(Idx() .__index__() + 55), abs(Num()), round(Num()), round(Num(), 3))
print(divmod(Num(), 2), divmod(2, Num()))
tests = [
    lambda: abs("x"), lambda: abs(), lambda: round("x"), lambda: round(1.5, "a"), lambda: round(float("inf")),
    lambda: round(float("nan")), lambda: round(), lambda: pow(2), lambda: pow(2, 3, 0), lambda: pow(2.0, 3, 5),
    lambda: pow(2, -1, 4), lambda: pow(0, -1), lambda: divmod(1, 0), lambda: divmod(1.0, 0), lambda: divmod("a", 1),
    lambda: divmod(1), lambda: hex(1.0), lambda: bin("1"), lambda: oct([]), lambda: chr(-1), lambda: chr(0x110000),
    lambda: chr("a"), lambda: ord("ab"), lambda: ord(""), lambda: ord(65), lambda: hex(), lambda: round(1, 2, 3),
]
for t in tests:
    try:
        print("no error:", t())
    except (TypeError, ValueError, ZeroDivisionError, OverflowError) as err:
        print(type(err).__name__ + ":", err)
