# needs: nn, autograd
import torch
import torch.nn as nn
import torch.nn.functional as F

lin = nn.Linear(3, 2)
with torch.no_grad():
    lin.weight.copy_(torch.tensor([[1., 2., 3.], [-1., 0., 1.]]))
    lin.bias.copy_(torch.tensor([0.5, -0.5]))
for x in [torch.ones(3), torch.ones(2, 3), torch.arange(12.).view(2, 2, 3), torch.ones(2, 1, 2, 3),
          torch.arange(12.).view(2, 2, 3).transpose(0, 1)]:
    y = lin(x)
    print(y.shape, y.grad_fn.name())
y = lin(torch.arange(12.).view(2, 2, 3))
print(y)
y.sum().backward()
print(lin.weight.grad, lin.bias.grad)
nb = nn.Linear(3, 2, bias=False)
with torch.no_grad():
    nb.weight.fill_(1.)
print(nb(torch.ones(2, 3)), nb(torch.ones(2, 2, 3)).grad_fn.name())
print(F.linear(torch.ones(2, 3), torch.ones(4, 3)))
print(F.linear(torch.ones(2, 3), torch.ones(4, 3), torch.arange(4.)))
