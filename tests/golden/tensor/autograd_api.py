# needs: core, autograd
import torch
x = torch.tensor([0.5, -1.25, 2.], dtype=torch.float64, requires_grad=True)
print(torch.autograd.gradcheck(lambda t: (t * t).sum(), (x,)))
print(torch.autograd.gradcheck(lambda a, b: a * b, (x, torch.ones(3, dtype=torch.float64, requires_grad=True))))
y = torch.ones(2, requires_grad=True)
z = y * 2
print(torch.autograd.grad(z.sum(), [y], create_graph=True))
torch.autograd.backward([z.sum()], retain_graph=True)
print(y.grad)
torch.autograd.backward(z, torch.ones(2))
print(y.grad)
with torch.autograd.no_grad():
    print((y * 2).requires_grad)
with torch.inference_mode():
    print((y * 2).requires_grad)
print(torch.no_grad()(lambda: (y * 3).requires_grad)())
h = y.register_hook(lambda g: None)
h.remove()
print(type(h).__name__)
