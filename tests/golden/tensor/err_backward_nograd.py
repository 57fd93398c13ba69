# needs: core, autograd
import torch
print("start")
torch.ones(2).sum().backward()
