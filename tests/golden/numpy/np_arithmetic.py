# needs: numpy
# Arithmetic with broadcasting and scalars, in-place operators, ufuncs
# with out=, comparisons and the math functions.
import numpy as np

a = np.array([1, 2, 3])
b = np.array([[1.5, 2.0], [3.0, 4.25]])
print(a + 1, a * 2.5, a / 2, a // 2, a % 2, a ** 2, -a, +a, abs(-a), ~a, a & 1, a | 4, a ^ 3)
print(b + a[:2], b * b, b - 1, 1 - b, 2 / b, 2 ** a, 10 // a, 7 % a, b @ b, b @ np.ones(2))
print(a == 2, a > 1, a <= 2, a != 3, 2 < a, b >= 2.0, a == a, np.array([True, False]) & np.array([True, True]))
print(np.arange(6).reshape(2, 3) @ np.arange(6).reshape(3, 2), np.matmul(np.ones((2, 2)), np.ones(2)), np.dot(a, a), np.dot(2, a))
print(np.array([1.0, -1.0, 0.0]) / 0, np.arange(4) // np.array([0, 1, 0, 2]), np.arange(4) % np.array([0, 3, 0, 3]))
print(np.array([-7, 7]) // 2, np.array([-7, 7]) % 3, np.array([-7.5, 7.5]) // 2, np.array([-7.5, 7.5]) % 2, np.array([2.0]) ** 0.5)
f = np.zeros((2, 3))
f += 1
f *= np.array([1, 2, 3])
f /= 2
f -= 0.25
print(f)
i = np.arange(4)
i += 2
i *= 3
i //= 2
i **= 2
print(i, i.dtype)
x = np.ones(3)
y = x
x += 1
print(x is y, y)
s = np.float32(2)
t = s
s += 1
print(s, t)
o = np.ones(3)
r = np.add(o, 1, out=o)
print(o, r is o, np.add(a, 1), np.subtract(5, a), np.multiply(a, a), np.divide(a, 2), np.power(a, 3))
out = np.zeros((2, 3))
np.multiply(np.arange(3), 2.0, out)
print(np.add(np.arange(3), 1, out=out), np.negative(a), np.positive(b), np.absolute(np.array([-1.5])))
print(np.maximum(np.arange(4), 2), np.minimum(np.arange(4), 2.5), np.maximum(np.array([1.0, np.nan]), 0))
print(np.less(a, 2), np.equal(a, 2), np.greater_equal(a, 2), np.floor_divide(a, 2), np.remainder(a, 2), np.mod(-a, 2))
print(np.sqrt(b), np.exp(a), np.log(b), np.abs(-a), np.sin(b), np.cos(a), np.tanh(b), np.tan(np.array([0.5])))
print(np.floor(np.array([1.5, -1.5])), np.ceil(np.array([1.2])), np.trunc(np.array([-1.7])), np.rint(np.array([0.5, 1.5, 2.5])))
print(np.square(a), np.sign(np.array([-2, 0, 3])), np.log2(a), np.log10(b), np.expm1(np.array([1e-10])), np.log1p(np.array([1e-10])))
print(np.reciprocal(b), np.sqrt(np.arange(3, dtype=np.int8)), np.exp(np.arange(3, dtype=np.int32)), np.sqrt(np.float32(2)))
print(np.sqrt(4), np.exp(1.0), np.add(1, 2), np.float32(1) / np.float32(3))
h = np.arange(4, dtype=np.float16)
print(h / 3, h * 1000, np.sqrt(h), h + np.float16(0.1), (h / 3).dtype)
print(np.where(np.arange(5) > 2, 1, 0), np.where(a > 1, a, 0.5), np.clip(np.arange(6), 1, 4), np.clip(b, 2, None))
print(np.isnan(np.array([1.0, np.nan])), np.isinf(np.array([np.inf, 1])), np.isfinite(np.array([np.nan, 2])))
print(np.allclose(b, b + 1e-9), np.allclose([1.0], [1.1]), np.array_equal(a, [1, 2, 3]), np.array_equal(a, a[:2]))
print(np.concatenate([np.ones(2), np.zeros(3)]), np.concatenate([np.eye(2), np.ones((1, 2))]), np.concatenate((a, a), axis=0))
print(np.stack([np.arange(2), np.arange(2)]), np.stack([a, a], axis=1), np.vstack([np.ones(2), np.zeros(2)]), np.hstack([a, a]))
print(np.expand_dims(a, 0).shape, np.reshape(a, (3, 1)).shape, np.transpose(b), np.shape(b), np.ndim(a), np.size(b), np.copy(a))
