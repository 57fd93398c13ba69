# needs: core
# f-string / format() specs on ints, bools, floats and strs, including
# nested specs, conversions, and objects defining __format__ / __str__.
class Temp:
    def __init__(self, c):
        self.c = c
    def __format__(self, spec):
        if spec.endswith("F"):
            return format(self.c * 9 / 5 + 32, spec[:-1] + "f") + "F"
        return format(self.c, spec) + "C"

class Plain:
    def __str__(self):
        return "plain!"

n, x, s = -1234, 1234.5678, "tl"
print(f"{n:,}|{n:_}|{n:+,}|{n:>10,}|{n:010}|{n:=+10}|{n: d}|{n:x}|{n:#b}|{12:#06x}")
print(f"{x:,.2f}|{x:_.1f}|{x:015,.2f}|{x:e}|{x:.3E}|{x:g}|{x:.10g}|{x:%}|{x:.0%}|{x:n}")
print(f"{0.0:g}|{-0.0:g}|{-0.0}|{1e-7}|{1e22}|{1/3:.15}|{2/3:.3}|{100.0:.3}|{1e300*10}|{-1e300*10:>6}")
print(f"{float('nan'):+}|{float('inf'):08.2f}|{5:.2e}|{5:%}|{True:>5}|{False:<6}|{True!r:>6}|{True:d}")
print(f"{s:>5}|{s:_<5}|{s:^5}|{s:.1}|{s!r:>6}|{'é':*^5}|{'中文':>4}")
print(f"{Temp(20)}|{Temp(20):.1f}|{Temp(100):.0F}|{Plain()}|{Plain()!s:>8}|{Plain()!s:.3}")
w, p = 9, 3
print(f"{x:{w}.{p}f}|{x:>{w}}|{s:{'*'}^{w}}|{n:{w},}|{x:{'.2f'}}")
print(format(255, "#x"), format(255, "08b"), format(3.5, "+.2f"), format("ab", "<4") + "|", format(97, "c"))
print(f"{1234567890:,}|{-0.5:.0f}|{0.5:.0f}|{1.5:.0f}|{2.5:.0f}|{1e16:.0f}|{123.456:10.2e}|")
print(f"{65:c}|{10:o}|{10:#o}|{255:X}|{255:#X}|{-255:#x}|{0:#b}|{3:+}|{-3:+}|{3: }|")
print(f"{12.0}|{12.0:}|{12.0:.0}|{12.5:.2}|{1234.5:.2}|{0.0001:.1}|{123456789.0:.3}|{1.0:#}|{3.0:#.0f}")
for v, spec in [(1.5, "d"), ("a", "d"), (1, "s"), (1, ".2d"), ("a", "+"), (1, ",d,"), (2.0, "x"), (1, "=^5s")]:
    try:
        print(format(v, spec))
    except ValueError as e:
        print("ValueError", e)
