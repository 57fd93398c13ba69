# needs: numpy, rng
# numpy's legacy global RandomState: seed / rand / randn (polar Box-Muller
# with the cached second value) / randint / normal / uniform / choice /
# permutation / shuffle, bit for bit.
import numpy as np

np.random.seed(0)
print(np.random.randn(5))
print(repr(np.random.randn()), repr(np.random.rand()), np.random.randn(3).tolist())
np.random.seed(42)
print(np.random.rand(3), np.random.randn(2, 2), np.random.randint(0, 10, size=5), np.random.randint(5))
print(np.random.random((2,)), np.random.normal(1.0, 2.0, 3), np.random.uniform(-1, 1, size=(2, 2)), np.random.normal())
print(np.random.permutation(8), np.random.choice(5, 3), np.random.choice([1.5, 2.5, 3.5], size=(2, 2)), np.random.choice(5, 3, replace=False))
print(np.random.choice(4), np.random.choice(np.arange(10, 20)), np.random.permutation(np.arange(4) * 10), np.random.randint(-3, 3, (2, 3)))
x = [1, 2, 3, 4, 5]
np.random.shuffle(x)
a = np.arange(6).reshape(3, 2)
np.random.shuffle(a)
print(x, a, np.random.standard_normal(2), np.random.randn(), np.random.random_sample(2), np.random.random())
print(np.random.randint(0, 2**40, 3), np.random.randint(0, 2**32, 2), np.random.randint(10, size=(2,)), np.random.uniform())
np.random.seed([1, 2, 3])
print(np.random.rand())
np.random.seed(np.uint8(7) if False else 7)
r = np.random.randn(1000)
print(r.mean(), r.std(), r.max(), r[-3:])
np.random.seed(2024)
print(np.random.randn(3, 4).astype(np.float32))
np.random.seed(0)
one = np.random.randn(1)
two = np.random.randn(1)
np.random.seed(0)
print(one, two, np.random.randn(2))
np.random.seed(4294967295)
print(np.random.rand(2), np.random.normal(5, 0, 2), np.random.rand(0), np.random.randn(2, 0).shape)
