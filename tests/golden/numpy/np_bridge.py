# needs: numpy
# torch.from_numpy / Tensor.numpy() share memory for every dtype; views,
# transposes and slices keep their strides; torch.tensor / torch.Tensor /
# torch.as_tensor of arrays; tensor op ndarray computes in numpy.
import numpy as np
import torch

for dt in [torch.float32, torch.float64, torch.float16, torch.int64, torch.int32, torch.int16, torch.int8, torch.uint8, torch.bool]:
    t = torch.arange(4).to(dt)
    n = t.numpy()
    print(dt, n.dtype, repr(n), torch.from_numpy(n).dtype)
t = torch.arange(6.).view(2, 3)
n = t.t().numpy()
print(n, n.shape, n.strides, n.T.strides)
n[0, 1] = 42
print(t)
t.mul_(2)
print(n)
a = np.arange(12.).reshape(3, 4)
s = torch.from_numpy(a[:, 1])
print(s, s.stride(), s.is_contiguous())
a[1, 1] = -1
print(s)
v = torch.from_numpy(a[1:, ::2])
print(v, v.shape, v.stride())
w = torch.as_tensor(a)
a[0, 0] = 99
print(w[0, 0], torch.tensor(a)[0, 0], torch.Tensor(a).dtype, torch.tensor(a, dtype=torch.int32).dtype)
x = torch.ones(2, requires_grad=True)
print(x.detach().numpy(), x.numpy(force=True) if False else "")
f = np.array([1.5, 2.5], dtype=np.float32)
print(torch.from_numpy(f) * 2, torch.tensor(f))
tt = torch.tensor([1.0, 2.0])
print(tt + np.array([1, 2]), tt * np.arange(2), tt - np.ones(2, dtype=np.float32), (tt == torch.from_numpy(np.array([1.0, 3.0]))))
e = torch.zeros(0, 3).numpy()
print(e, repr(e), e.shape)
z = torch.tensor(3.5).numpy()
print(z, repr(z), z.shape, z.ndim, torch.from_numpy(z))
print(torch.arange(1001).numpy())
print(torch.rand(3, 3).numpy().dtype, torch.randn(2).double().numpy().dtype)
q = np.zeros(3)
qt = torch.from_numpy(q)
qt += 1
qt[0] = 5
print(q, type(qt), type(q))
m = np.ones((2, 2), dtype=np.float32)
mt = torch.from_numpy(m)
m *= 3
np.add(m, 1, out=m)
print(mt, mt.sum(), mt.mean().item())
