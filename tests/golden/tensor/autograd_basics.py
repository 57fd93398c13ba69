# needs: core, autograd
import torch

x = torch.tensor([1., 2., 3.], requires_grad=True)
print(x, x.requires_grad, x.is_leaf, x.grad_fn)
y = x * 2 + 1
print(y, y.is_leaf, type(y.grad_fn).__name__, y.grad_fn.name())
print(2 - x, 1 / x, x ** 2, 2 ** x, -x, x[0], x[1:], type(x.view(3, 1).grad_fn).__name__, type(x.reshape(3).grad_fn).__name__, x.unsqueeze(1).T.grad_fn.name())
print(x.sum(), x.mean(), x.sum(0), x.max(), x.exp(), x.sigmoid(), x.clamp(0, 2), x.unsqueeze(0).t())
s = (y * y).sum()
s.backward()
print(x.grad)
x.grad.zero_()
print(x.grad)
z = x.detach()
print(z.requires_grad, z.grad_fn, x.data.requires_grad)
with torch.no_grad():
    w = x * 2
    print(w.requires_grad, torch.is_grad_enabled())
print(torch.is_grad_enabled())


@torch.no_grad()
def f(t):
    return t * 3


print(f(x).requires_grad, torch.enable_grad, torch.no_grad)
torch.set_grad_enabled(False)
print((x * 2).requires_grad)
torch.set_grad_enabled(True)
with torch.set_grad_enabled(False):
    print((x + 1).requires_grad)
print((x + 1).requires_grad)
a = torch.ones(2, 2, requires_grad=True)
b = (a @ a).sum()
g, = torch.autograd.grad(b, a)
print(g)
c = torch.tensor(2., requires_grad=True)
d = c ** 3
d.backward(retain_graph=True)
d.backward()
print(c.grad)
v = torch.autograd.Variable(torch.ones(2), requires_grad=True)
print(v, type(v).__name__)
h = torch.zeros(3, requires_grad=True)
h2 = h * 1
h2.retain_grad()
(h2 * torch.arange(3.)).sum().backward()
print(h2.grad, h.grad)
k = torch.ones(2, requires_grad=True)
k.register_hook(lambda grad: grad * 10)
(k * 3).sum().backward()
print(k.grad)
p = torch.tensor([1., 2.]).requires_grad_()
print(p.requires_grad, p.requires_grad_(False).requires_grad)
q = torch.ones(3, requires_grad=True)
r = q.clone()
r[0] = 5
print(r.grad_fn.name(), r)
r.sum().backward()
print(q.grad)
