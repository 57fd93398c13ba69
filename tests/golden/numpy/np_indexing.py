# needs: numpy
# Basic indexing gives views (negative steps too), arrays and masks copies;
# integer keys give scalars; assignment broadcasts and casts.
import numpy as np

a = np.arange(10)
print(a[3], a[-1], a[::-1], a[::2], a[8:2:-2], a[-3:], a[a > 5], a[[1, 3, 5]], a[np.array([0, -1])])
m = np.arange(12).reshape(3, 4)
print(m[::-1, ::2], m[1:, [0, 2]], m[m % 2 == 0], m[..., 1], m[None].shape, m[:, None, :].shape)
print(m[1, ...], repr(m[1, ...][0]), m[0][-1], m[1, 2], m[:, 1], m[-1, ::-1], m[[0, 2]][:, [1, 3]])
print(m[:0].shape, m[5:].shape, m[(1, 2)], m[np.array(1)], m[()].shape, repr(np.array(7.0)[()]), repr(np.array(7.0)[...]))
r = m[::-1]
r[0, 0] = 100
print(m)
v = a[2:5]
v[:] = -1
print(a)
m[0] = 7
m[1, 1:3] = [10, 20]
m[m > 15] = -1
m[:, 0] = np.array([1, 2, 3])
m[[0, 2], [3, 3]] = 55
print(m)
f = np.zeros((2, 3))
f[:, 1] = 2.5
f[1] += 1
f[0] = np.array([[1, 2, 3]])
print(f)
i = np.zeros(3, dtype=np.int32)
i[0] = 2.9
i[1:] = [True, False]
print(i, i.dtype)
b = np.array([[1, 2], [3, 4]])
mask = np.array([[True, False], [False, True]])
print(b[mask], b[np.array([True, False])], b[1, [True, False]])
b[mask] = 0
print(b, len(b), list(np.arange(3)), [row.tolist() for row in b], 3 in np.arange(5), 7 in np.arange(5))
for row in np.arange(6).reshape(3, 2):
    print(row, row[0] + row[1])
x = np.arange(6.0).reshape(2, 3)
print(x.T, x.T[0], x.transpose(), x.reshape(3, 2), x.reshape(-1), x.ravel(), x.flatten(), x.reshape((1, -1)).shape)
x.shape = (3, 2)
print(x, x.squeeze().shape, np.zeros((1, 3, 1)).squeeze().shape, np.zeros((1, 3)).squeeze(axis=0).shape)
t = np.arange(24).reshape(2, 3, 4)
print(t.transpose(1, 0, 2).shape, t.transpose((2, 0, 1))[1], t[:, 1:, ::3], t[1, :, -1])
