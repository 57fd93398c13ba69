# needs: nn, rng, autograd
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(1)
x = torch.randn(4, 5, requires_grad=True)
t = torch.tensor([1, 0, 4, 2])
for red in ['mean', 'sum', 'none']:
    l = F.cross_entropy(x, t, reduction=red)
    print(red, l)
l = nn.CrossEntropyLoss()(x, t)
l.backward()
print(x.grad)
print([type(f).__name__ for f, _ in l.grad_fn.next_functions])
x.grad = None
w = torch.tensor([1., 2., 0.5, 1., 3.])
l = F.cross_entropy(x, t, weight=w)
l.backward()
print(l, x.grad)
x.grad = None
l = F.nll_loss(F.log_softmax(x, dim=1), torch.tensor([1, -100, 4, 2]))
l.backward()
print(l, x.grad)
print(F.nll_loss(x, t, ignore_index=0, reduction='sum'))
print(F.cross_entropy(torch.tensor([1., 2., 3.]), torch.tensor(2)))
probs = torch.softmax(torch.randn(4, 5), dim=1)
print(F.cross_entropy(x, probs).detach())
print(F.cross_entropy(x, probs, reduction='none'))
a = torch.randn(3, 2, requires_grad=True)
b = torch.randn(3, 2, requires_grad=True)
for red in ['mean', 'sum', 'none']:
    print(F.mse_loss(a, b, reduction=red))
m = F.mse_loss(a, b)
m.backward()
print(a.grad, b.grad)
print([type(f).__name__ for f, _ in m.grad_fn.next_functions])
print(F.l1_loss(a, b), nn.L1Loss(reduction='sum')(a, b))
print(F.mse_loss(torch.zeros(3, 2), torch.ones(2)))
d = torch.randn(3, 2, dtype=torch.float64, requires_grad=True)
print(F.mse_loss(d, torch.zeros(3, 2, dtype=torch.float64)))
print(nn.MSELoss(reduction='none')(torch.ones(2), torch.tensor([0., 3.])))
print(F.mse_loss(torch.ones(3), torch.ones(3).long()))
