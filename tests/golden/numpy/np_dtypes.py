# needs: numpy
# dtype objects, scalar types, astype, and numpy 1.24's type promotion
# (value-based for Python scalars mixed with arrays).
import numpy as np

types = [np.bool_, np.uint8, np.int8, np.int16, np.int32, np.int64, np.float16, np.float32, np.float64]
for a in types:
    row = []
    for b in types:
        row.append(str((np.ones(2, dtype=a) + np.ones(2, dtype=b)).dtype))
    print(np.dtype(a), row)
for a in types[:1] + types[2:]:
    x = np.ones(2, dtype=a)
    res = [x + 1, x + 1.5, x + True, x * 300, x - 1, x + 70000, x / 2, x // 2, x % 2, x ** 2, x > 1,
           x + np.float32(1), x + np.int8(1), x + np.array(2.0), x + np.array([2.0])]
    print(np.dtype(a), [str(v.dtype) for v in res])
print(np.float32, np.float64, np.int64, np.bool_, np.dtype, np.ndarray, type(np.float32(1)))
print(type(np.float32(1) + np.float32(2)), np.float32(2) * np.float32(3), np.float32([1, 2]), np.float64([1.5]))
print(np.int32(3.9), np.float32("1.5"), np.float32(), np.int8(-5), np.uint8(200), np.float16(0.1))
print(np.dtype(np.float32).itemsize, np.dtype('int32').kind, np.dtype('f8').name, np.dtype('u1'), np.dtype(bool))
print(np.dtype(int), np.dtype(float) == np.float64, np.dtype('float32') != 'float64', repr(np.dtype('float32')))
print(np.dtype('float32').char, np.dtype('<f4'), np.dtype(None), np.dtype(np.int16).type, np.float32 == np.dtype('f4'))
a = np.arange(4)
print(a.dtype == int, a.dtype == float, a.dtype == np.int64, a.dtype.name, a.dtype.itemsize, a.dtype.kind)
print(a.astype('float32'), a.astype(np.int8).dtype, a.astype(bool), np.array([1.7, -1.7]).astype(int))
print(np.array([300]).astype(np.uint8), np.array([True, False]).astype(np.float64), a.astype(float).dtype)
print(repr(a.astype(np.float32)), a.astype(np.int64, copy=False) is a, a.astype(np.int64) is a)
s = np.float32(0.1) * 3
print(s, f"{s:.3f}", f"{np.float32(2.5)}", float(np.float32(0.1)), int(np.float32(2.7)), np.float32(0.1).item())
print(np.float32(3.14159), np.float32(1e-7), np.float32(16777217.0), np.float16(65504), np.float64(1e16), 1e16)
print(np.float32(1.5).dtype, np.float32(1.5).shape, np.float32(1.5).ndim, np.int8(3).item(), hash(np.float32(1.5)) == hash(1.5))
print(np.float32(2) > 1, np.float32(0.5) == 0.5, -np.float32(2), abs(np.int16(-3)), np.float32(7) // 2, np.int32(7) % 3)
print([np.int32(2)][0] + 1, list(range(np.int8(3))), np.arange(5)[np.int32(1)])
