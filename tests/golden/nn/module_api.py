# needs: nn, autograd
import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self):
        super(Block, self).__init__()
        self.fc = nn.Linear(3, 2)
        self.register_buffer('running', torch.zeros(2))
        self.scale = 2.0

    def forward(self, x):
        return self.fc(x) * self.scale + self.running


class Top(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = Block()
        self.b = Block()
        self.shared = self.a
        self.seq = nn.Sequential(nn.Linear(2, 2), nn.ReLU(), nn.Linear(2, 1, bias=False))

    def forward(self, x):
        return self.seq(self.a(x) + self.b(x))


m = Top()
print(m)
print([n for n, _ in m.named_parameters()])
print([n for n, _ in m.named_buffers()])
print([n for n, _ in m.named_modules()])
print([n for n, _ in m.named_children()])
print(len(list(m.modules())), len(list(m.children())), len(list(m.parameters())))
print(m.training, m.a.training)
m.eval()
print(m.training, m.a.training, m.seq[1].training)
m.train()
print(m.training, m.seq[1].training)
print(list(m.state_dict().keys()))
print(m.a.scale, m.a.running)
print(isinstance(m.a.fc.weight, nn.Parameter), isinstance(m.a.fc.weight, torch.Tensor))
print(type(m.a.fc.weight).__name__, type(m.a.fc.weight.data).__name__)
m.a.fc.bias = None
print(m.a.fc, m.a.fc.bias)
m.extra = nn.Parameter(torch.ones(2))
print([n for n, _ in m.named_parameters()][-1])
del m.extra
print(hasattr(m, 'extra'))
m.add_module('head', nn.Tanh())
print(m.head)
with torch.no_grad():
    for p in m.parameters():
        p.fill_(0.1)
y = m(torch.ones(4, 3))
print(y)
y.sum().backward()
print(m.seq[0].weight.grad)
m.zero_grad()
print(m.seq[0].weight.grad)
m.zero_grad(set_to_none=True)
print(m.seq[0].weight.grad)
print(nn.Module())
print(nn.Sequential())
print(nn.ModuleList([nn.ReLU(), nn.Sigmoid()]))
print(nn.ModuleDict({'act': nn.ReLU(), 'lin': nn.Linear(1, 1)}))
seq = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
print(len(seq), seq[-1], seq[0:2])
print([type(l).__name__ for l in seq])
seq.append(nn.Sigmoid())
print(seq)
ml = nn.ModuleList()
ml.append(nn.ReLU())
ml.extend([nn.Tanh(), nn.Sigmoid()])
ml.insert(1, nn.Identity())
print(ml, len(ml), ml[1])
