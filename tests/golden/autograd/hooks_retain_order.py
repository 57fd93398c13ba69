# needs: autograd
# Tensor hooks and retain_grad: the order PyTorch 1.13 applies them in.
import torch
x = torch.tensor([1., 2.], requires_grad=True)
y = x * 2
y.register_hook(lambda g: g * 10)
y.retain_grad()
y.register_hook(lambda g: g + 1)
y.sum().backward()
print(y.grad, x.grad)
x = torch.tensor([1., 2.], requires_grad=True)
y = x * 2
y.retain_grad()
h = y.register_hook(lambda g: g * 10)
y.sum().backward()
print(y.grad, x.grad)
h.remove()
x.grad = None
y = x * 2
y.retain_grad()
y.sum().backward()
print(y.grad, x.grad)
