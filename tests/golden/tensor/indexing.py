# needs: core
import torch

x = torch.arange(24).view(2, 3, 4)
print(x[1], x[-1, 0], x[0, 1, 2], x[1][2][3], x[:, 1], x[..., 2], x[0, ..., 1], x[None].shape, x[:, None, 1].shape)
print(x[0, :, ::2], x[1, 1:, -2:], x[::-1] if False else x[1:0], x[0, 5:], x[:, :, 1:3].stride())
print(x[True].shape, x[False].shape, x[0, True].shape, x[()].shape, x[...].shape)
print(x[[0, 1]].shape, x[0, [2, 0]], x[0, [0, 2], [1, 3]], x[[1, 0], 1, [0, 3]], x[:, [0, 2]].shape)
print(x[0][[True, False, True]], x[x > 20], x[x % 5 == 0], x[0, torch.tensor([2, 1])], x[torch.tensor(1)].shape)
print(x[torch.tensor([[0, 1], [1, 0]])].shape, x[:, torch.tensor([True, False, True])].shape)
print(x[0, [[0], [2]], [1, 3]], x[..., [1]].shape, x[[]].shape, x[0, 1, torch.tensor([0, 0, 3])])
y = torch.zeros(3, 4)
y[0] = 1
y[1, 1:3] = torch.tensor([5., 6.])
y[:, 3] = torch.arange(3)
y[2, [0, 1]] = 9
y[y == 6] = -1
y[..., 0] += 10
y[[0, 2], [2, 2]] = torch.tensor([7., 8.])
y[torch.tensor([False, True, False])] = 4
print(y)
z = torch.arange(6)
z[1:4] = 0
z[-1] = 100
z[[0, 5]] += 1
z[torch.tensor(2)] = -5
print(z)
v = torch.ones(2, 2, dtype=torch.bool)
v[0, 1] = False
print(v)
for row in torch.arange(6).view(3, 2):
    print(row, row.sum().item())
print(list(torch.tensor([1.5, 2.5])), len(torch.zeros(4, 2)), 2 in torch.tensor([1, 2]), 3 in torch.tensor([1, 2]))
a = torch.arange(6.).view(2, 3)
b = a[0]
b[0] = 100
print(a, b.storage_offset(), a[1].storage_offset(), a[:, 1].stride(), a.t()[1].is_contiguous())
print(a.index_select(1, torch.tensor([2, 0])), torch.gather(a, 1, torch.tensor([[0, 0], [2, 1]])))
print(a.masked_select(a > 2), torch.nonzero(a > 2), (a > 2).nonzero(as_tuple=True), torch.where(a > 2))
print(torch.where(a > 2, a, torch.zeros(1)), torch.where(a > 2, a, -1.), a.where(a < 3, torch.tensor(0.)))
print(a.masked_fill(a > 2, 0), a.take(torch.tensor([0, 5])), torch.zeros(3).scatter(0, torch.tensor([2, 0]), torch.tensor([1., 2.])))
print(torch.zeros(2, 3).scatter_(1, torch.tensor([[1], [2]]), 5.), torch.zeros(3).scatter_add(0, torch.tensor([1, 1]), torch.tensor([1., 2.])))
