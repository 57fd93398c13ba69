# needs: core
import torch

x = torch.tensor([0.5, 1., 2., 4.])
print(x.exp(), x.log(), x.log2(), x.log10(), x.log1p(), x.expm1(), x.sqrt(), x.rsqrt(), torch.sin(x), torch.cos(x), x.tan())
print(x.tanh(), x.sigmoid(), torch.relu(x - 1), (x - 1).sign(), (x * 1.5).floor(), (x * 1.5).ceil(), (x * 1.5).round(), (x * 1.5).trunc())
print((x * 1.5).frac(), x.reciprocal(), x.square(), torch.erf(x), torch.round(torch.tensor([1.2345, 2.5]), decimals=2), torch.abs(-x))
print(torch.tensor([1, -2]).abs(), torch.tensor([2, 3]).sqrt(), torch.tensor([True, False]).logical_not(), torch.logical_and(x > 1, x < 4))
print(torch.exp(torch.tensor([1, 2])), torch.lerp(x, torch.zeros(4), 0.25), x.lerp(torch.ones(4), torch.tensor([0., 1., 0.5, 0.])))
a = torch.arange(6.).view(2, 3)
b = torch.arange(6.).view(3, 2)
v = torch.tensor([1., 2., 3.])
print(a @ b, a.mm(b), torch.matmul(a, v), v @ b, v.dot(v), torch.mv(a, v), torch.outer(v, v[:2]), torch.ger(v[:2], v))
print(torch.bmm(torch.ones(2, 2, 3), torch.ones(2, 3, 1)), torch.matmul(torch.ones(2, 2, 3), b), torch.matmul(torch.ones(3), torch.ones(5, 3, 2)).shape)
print(torch.addmm(torch.ones(2, 2), a, b), torch.addmm(torch.ones(2), a, b, beta=0.5, alpha=2), a.addmm(a, b.t()[:3, :3] if False else torch.eye(3)))
print(torch.einsum('ij,jk->ik', a, b), torch.einsum('i,i->', v, v), torch.einsum('ij->ji', [a]), torch.einsum('bij,bjk->bik', torch.ones(2, 2, 3), torch.ones(2, 3, 2)).shape)
print(torch.mm(torch.tensor([[1, 2]]), torch.tensor([[3], [4]])), torch.tensor([[1, 2]]) @ torch.tensor([[3], [4]]))
print(torch.tensor([[1, 2], [3, 4]], dtype=torch.float64) @ torch.tensor([[0.5], [0.25]], dtype=torch.float64))
