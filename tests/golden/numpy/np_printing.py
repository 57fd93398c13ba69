# needs: numpy, rng
# numpy 1.24's array printing through ndarrays built here: widths, line
# wrapping, summarisation, n-d blocks, scientific notation, nan/inf, the
# dtype suffix of repr, 0-d arrays and numpy scalars.
import numpy as np

np.random.seed(7)
print(np.random.randn(3, 4, 5))
print(repr(np.random.rand(4, 30)))
print(np.random.randn(40))
print([np.arange(3), np.ones(2, dtype=np.float32)], (np.zeros(1),), {'a': np.array([1.5])})
print(np.arange(24).reshape(2, 3, 4) * 1000)
print(repr(np.array([1e10, 1.0])), np.array([1e-10, 1]), np.array([0.00012, 123456.0]))
print(np.array([-0.0, 0.0]), np.array([np.inf, -np.inf, 1.5]), repr(np.array([np.nan])))
print(np.array([123456789.0]), np.array([0.1 + 0.2]))
print(np.arange(10, dtype=np.int8) - 5, repr(np.arange(3, dtype=np.int16)), repr(np.array([1, 2], dtype=np.uint8)))
print(repr(np.ones((2, 2), dtype=np.float16)), np.float16(3.14159), repr(np.array([0.1], dtype=np.float16)))
print(repr(np.zeros((2, 0))), np.zeros((2, 0)), repr(np.array([], dtype=int)), repr(np.array([], dtype=bool)))
print(np.arange(2000))
print(repr(np.arange(2000.0)))
print(np.arange(3000).reshape(30, 100))
print(np.array([1e-5, 1.0]), np.array([1.0, np.nan, np.inf], dtype=np.float32))
print(np.array([True, False]), repr(np.array([True, False])), np.array([[1, 2], [3, 4]], dtype=np.uint8))
x = np.arange(5.0)
print(f"{x}", "%s" % x, str(x), format(np.float32(2.5), ".2f"), f"{np.float32(2.5)}", f"{np.array(2.5):.1f}")
print(repr(np.array(5, dtype=np.int32)), repr(np.array(True)), repr(np.array(5.5, np.float32)), np.array(2.0))
print(np.float32(0.1), np.float64(0.1), repr(np.float32(2.5)), np.int32(7), np.float32(1) + 1, np.float32(1e20), np.float32(1e-5))
print(repr(np.linspace(0, 1, 30, dtype=np.float32)))
