# needs: core, autograd
import torch
print("start")
torch.tensor([1, 2], requires_grad=True)
