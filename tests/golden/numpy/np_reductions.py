# needs: numpy, rng
# sum/mean/max/min/prod/argmax/all/any/std/var with numpy's dtypes and
# summation order (pairwise over contiguous runs, 8192-element chunks,
# memory order for transposed arrays), so the printed digits agree.
import numpy as np

np.random.seed(1)
x = np.random.randn(37, 53)
for ax in [None, 0, 1, (0, 1), -1]:
    print(repr(x.sum(axis=ax))[:160])
    print(repr(x.mean(axis=ax))[:160])
f = x.astype(np.float32)
print(f.sum(), f.mean(), f.sum(axis=0)[:5], f.sum(axis=1)[:5], f.std(), f.var(axis=1)[:3], type(f.sum()))
h = x.astype(np.float16)
print(h.sum(), h.mean(), h.sum(axis=0)[:5], h.std(), h.mean().dtype)
i = np.random.randint(0, 1000, size=20000)
print(i.sum(), i.mean(), i.std(), i.var(), i.max(), i.min(), i.argmax(), i.sum().dtype if False else "")
big = np.random.rand(30000)
print(big.sum(), big.mean(), big.astype(np.float32).sum(), big.astype(np.float32).mean())
y = np.random.randn(4, 5, 6)
print(y.sum(axis=(0, 2)), y.sum(axis=(1, 2)), y.mean(axis=0)[0], y.max(axis=2)[0], y.T.sum(), y.transpose(1, 0, 2).sum(axis=0)[0])
print(y.sum(axis=1, keepdims=True).shape, y.argmax(axis=1)[0], y.argmin(), y.min(), y.prod(), y.max(keepdims=True).shape)
print(np.sum(x, axis=-1)[:3], np.mean([[1, 2], [3, 4]], axis=1), np.max([1.5, 2.5]), np.min(np.arange(5) - 2), np.amax(y))
print(np.std([1.0, 2.0, 4.0]), np.var(np.arange(5)), np.std(x, ddof=1), x.var(axis=0, ddof=1)[:3], np.prod([1, 2, 3, 4]))
z = np.array([1.0, np.nan, 3.0])
print(z.max(), z.argmax(), z.sum(), z.min(), np.array([np.nan, 1.0]).argmin())
print(np.array([], dtype=np.float64).sum(), np.arange(0).sum(), np.ones((0, 3)).sum(axis=0), np.ones((2, 0)).prod(axis=1))
b = np.random.randint(0, 100, size=(4, 4))
print(b, b.sum(), b.mean(), b.max(axis=0), b.argmax(axis=1), b.prod(axis=1), (b > 50).all(), (b > 50).any(axis=0))
print(np.array([True, False, True]).sum(), np.array([[1, 2], [3, 4]]).sum(axis=0), np.array([1, 2], dtype=np.int8).sum().dtype if False else "")
print(np.all([1, 1, 0]), np.any([0, 0]), np.array([[True, True], [False, True]]).all(axis=1), np.argmax([[1, 5], [7, 2]]), np.argmin([3, 1, 2]))
print(np.arange(10).reshape(2, 5).mean(axis=1), np.arange(10, dtype=np.float32).reshape(2, 5).mean(axis=0), np.arange(6).reshape(2, 3).std(axis=0))
print(x[:, 1].sum(), x[::2].sum(), x[1:, ::3].mean(axis=0)[:4], x.T.sum(axis=1)[:3])
