# needs: core
# math: values (libm and CPython's own algorithms) and errors, incl. special values
import math
inf, nan = math.inf, math.nan
vals = [0.0, -0.0, 0.5, 1.0, 2.0, 3.7, -2.2, 10.0, 1e-300, 1e300, 123456.789, 0.1, inf, -inf, nan]
def show(f, *args):
    try:
        return repr(f(*args))
    except (ValueError, OverflowError, ZeroDivisionError, TypeError) as err:
        return type(err).__name__
one = ["sqrt", "exp", "exp2", "expm1", "cbrt", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh",
       "asinh", "acosh", "atanh", "log1p", "erf", "erfc", "fabs", "gamma", "lgamma", "log", "log2", "log10",
       "degrees", "radians", "isnan", "isinf", "isfinite", "frexp", "modf", "ulp"]
for name in one:
    print(name, " ".join(show(getattr(math, name), v) for v in vals))
small = [0.0, 0.5, -2.2, 3.7, 123.25, inf, -inf, nan]
for name in ["floor", "ceil", "trunc"]:
    print(name, " ".join(show(getattr(math, name), v) for v in small), getattr(math, name)(7), getattr(math, name)(True))
two = ["pow", "atan2", "copysign", "fmod", "remainder", "nextafter", "log", "hypot", "isclose", "dist"]
xs = [0.0, 1.5, -2.0, 7.0, 1e308, inf, nan]
ys = [0.0, 2.0, -3.5, 0.1, inf]
for name in two[:-1]:
    print(name, " ".join(show(getattr(math, name), x, y) for x in xs for y in ys))
print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan, type(math.pi).__name__)
print(math.sqrt(16), math.sqrt(2), math.exp(1), math.log(math.e), math.log(100, 10), math.log(8, 2), math.log2(1024), math.log10(0.001))
print(math.floor(-2.5), math.ceil(-2.5), math.trunc(-2.5), type(math.floor(2.5)).__name__, type(math.sqrt(4)).__name__)
print(math.factorial(0), math.factorial(5), math.factorial(20), math.gcd(12, 18), math.gcd(0, 0), math.gcd(-4, 6), math.gcd(), math.gcd(12, 18, 8))
print(math.lcm(4, 6), math.lcm(0, 5), math.lcm(), math.lcm(3, 4, 5), math.isqrt(0), math.isqrt(99), math.isqrt(10**18), math.isqrt(2**62 - 1))
print(math.comb(10, 3), math.comb(60, 30), math.comb(5, 7), math.comb(0, 0), math.perm(10, 3), math.perm(5), math.perm(3, 5))
print(math.prod([1, 2, 3, 4]), math.prod([0.5, 4]), math.prod([]), math.prod([2, 3], start=10), math.prod(range(1, 6)))
print(math.ldexp(0.75, 4), math.ldexp(1.0, -1074), math.frexp(-0.0), math.modf(3.0), math.modf(-0.0))
print(math.isclose(1e-10, 0), math.isclose(1e-10, 0, abs_tol=1e-9), math.isclose(inf, inf), math.isclose(nan, nan),
      math.isclose(1.0, 1.05, rel_tol=0.1), math.isclose(0.1 + 0.2, 0.3), math.isclose(a=1, b=1))
print(math.dist((1, 2, 3), (4, 5, 6)), math.dist([0.1], [0.3]), math.dist((0, 0), (3, 4)))
class Half:
    def __float__(self):
        return 0.5
    def __floor__(self):
        return "floor!"
print(math.sqrt(Half()), math.floor(Half()), math.ceil(Half()), math.isnan(Half()))
tests = [
    lambda: math.sqrt(-1), lambda: math.sqrt("a"), lambda: math.sqrt(), lambda: math.sqrt(1, 2), lambda: math.log(0),
    lambda: math.log(-1), lambda: math.log(1, 1), lambda: math.log(), lambda: math.log(1, 2, 3), lambda: math.exp(1000),
    lambda: math.pow(0, -1), lambda: math.pow(-8, 1 / 3), lambda: math.pow(10, 400), lambda: math.pow(1),
    lambda: math.factorial(-1), lambda: math.factorial(1.5), lambda: math.factorial(), lambda: math.isqrt(-1),
    lambda: math.gcd(1.5, 2), lambda: math.fmod(1, 0), lambda: math.acos(2), lambda: math.isclose(1, 2, rel_tol=-1),
    lambda: math.isclose(1), lambda: math.isclose(1, 2, 3), lambda: math.floor(inf), lambda: math.ceil(nan),
    lambda: math.floor("a"), lambda: math.trunc("x"), lambda: math.cosh(1000), lambda: math.ldexp(1.0, 2.0),
    lambda: math.ldexp(1.0, 5000), lambda: math.comb(-1, 2), lambda: math.perm(3, -1), lambda: math.prod([1], 2),
    lambda: math.prod(5), lambda: math.fsum(5), lambda: math.dist((1, 2), (1,)), lambda: math.hypot("a"),
    lambda: math.atan2(1), lambda: math.gamma(0), lambda: math.gamma(-2), lambda: math.gamma(172), lambda: math.lgamma(0),
    lambda: math.fsum([inf, -inf]), lambda: math.fsum([1e308, 1e308]),
]
for t in tests:
    try:
        print("no error:", t())
    except (TypeError, ValueError, ZeroDivisionError, OverflowError) as err:
        print(type(err).__name__ + ":", err)
