# needs: nn, rng, autograd
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(3)
x = torch.ones(4, 5, requires_grad=True)
d = nn.Dropout(0.4)
y = d(x)
print(y)
y.sum().backward()
print(x.grad)
print(y.grad_fn.name())
d.eval()
print(d(x) is x)
print(F.dropout(torch.ones(6), p=0.5))
print(F.dropout(torch.ones(6), p=0.5, training=False))
print(F.dropout(torch.ones(3), p=1.0))
print(F.dropout(torch.ones(3), p=0.0))
z = torch.ones(8)
F.dropout(z, 0.5, inplace=True)
print(z)
print(torch.rand(2))
