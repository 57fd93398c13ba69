# needs: nn, rng, autograd
import torch
import torch.nn as nn
import torch.optim as optim

torch.manual_seed(7)
x = torch.randn(16, 4)
y = (x[:, :1] * 2 - x[:, 1:2] + 0.5)
model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
opt = optim.SGD(model.parameters(), lr=0.05, momentum=0.9, weight_decay=1e-3)
print(opt)
loss_fn = nn.MSELoss()
for step in range(20):
    opt.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    opt.step()
    if step % 5 == 0:
        print(step, round(loss.item(), 4))
print(model[2].bias)
model2 = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 1))
adam = optim.Adam(model2.parameters(), lr=0.01)
print(adam)
for step in range(20):
    adam.zero_grad()
    loss = loss_fn(model2(x), y)
    loss.backward()
    adam.step()
    if step % 5 == 0:
        print(step, '%.5f' % loss.item())
print(model2[0].bias)
nest = optim.SGD(model.parameters(), lr=0.01, momentum=0.5, nesterov=True)
for step in range(3):
    nest.zero_grad()
    loss_fn(model(x), y).backward()
    nest.step()
print(loss_fn(model(x), y))
groups = optim.SGD([{'params': model[0].parameters()}, {'params': model[2].parameters(), 'lr': 0.5}], lr=0.1)
print(groups)
clf = nn.Sequential(nn.Linear(4, 3))
ce = nn.CrossEntropyLoss()
labels = torch.tensor([0, 1, 2, 1] * 4)
o = optim.Adam(clf.parameters(), lr=0.1, betas=(0.8, 0.9), weight_decay=0.01, amsgrad=True)
for step in range(5):
    o.zero_grad()
    l = ce(clf(x), labels)
    l.backward()
    o.step()
print(l, clf[0].bias)
