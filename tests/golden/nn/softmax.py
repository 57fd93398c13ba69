# needs: nn, rng, autograd
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(2)
x = torch.randn(2, 3, 4, requires_grad=True)
for d in [0, 1, 2, -1]:
    s = F.softmax(x, dim=d)
    print(s.sum(d))
print(F.softmax(x, dim=1)[1])
print(F.log_softmax(x, dim=2)[0])
s = torch.softmax(x, 1)
(s * torch.arange(4.)).sum().backward()
print(x.grad[0])
x.grad = None
ls = x.log_softmax(-1)
(ls * torch.arange(4.)).sum().backward()
print(x.grad[1])
print(F.softmax(torch.tensor([1., 2., 3.]), dim=0, dtype=torch.float64))
print(nn.Softmax(dim=1)(torch.tensor([[1., 1.], [0., 100.]])))
print(nn.LogSoftmax(dim=0)(torch.tensor([0., 0.])))
print(F.softmax(torch.tensor([[1., 2.], [3., 5.]]), dim=1).grad_fn)
print(torch.softmax(torch.tensor([-float('inf'), 0.]), 0))
print(F.log_softmax(torch.tensor([1000., 0.]), 0))
