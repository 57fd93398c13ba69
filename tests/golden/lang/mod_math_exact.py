# needs: core
# math.fsum, hypot, dist, gamma, lgamma match CPython to the last bit
import math
print(math.fsum([0.1] * 10), sum([0.1] * 10), math.fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]))
print(math.fsum([]), math.fsum(range(10)), math.fsum([1, 1e-16, 1e-16]), math.fsum([0.3, 0.3, 0.3, -0.9]))
print(math.fsum([math.inf, 1]), math.fsum([-math.inf, -1]), math.fsum([2.0 ** 53, 1, 1e-16]), math.fsum([1.0, 2.0 ** -53, 2.0 ** -106]))
print(math.fsum([0.7, 0.1, 0.2, -1.0]), math.fsum(i / 7 for i in range(100)), math.fsum([1e16, 1.0, 1e-16]))
vals = [(i * 0.37) % 5.3 - 2.1 for i in range(40)]
print(math.fsum(vals), sum(vals))
print(math.hypot(3, 4), math.hypot(1, 1, 1), math.hypot(0.1, 0.2, 0.3, 0.4), math.hypot(1e-320, 1e-320), math.hypot(1e308, 1e308))
print(math.hypot(-5), math.hypot(), math.hypot(math.inf, math.nan), math.hypot(math.nan, 1), math.hypot(*vals))
print(math.hypot(1.1, 2.2), math.hypot(0.3, 0.4), math.hypot(1e200, 1e-200), math.hypot(123.456, 789.012, 345.678))
print(math.dist((1, 2, 3), (4, 5, 6)), math.dist([0.1, 0.7], [0.3, -0.2]), math.dist(vals[:20], vals[20:]))
for x in [0.5, 1.5, 2.5, 3.7, -2.2, 10.0, 1e-25, 123.456, 150.5, 170.6, -0.5, -1.5, -3.3, -150.25, -170.5, 7.25, 4.99, 5.01, 0.001, 30.0, 22.0, 24.0, 3.0, -180.3]:
    print(x, math.gamma(x), math.lgamma(x))
print(math.lgamma(250.0), math.lgamma(-250.5), math.gamma(-250.5), math.gamma(171.5))
