# needs: core
import torch
print("start")
x = torch.tensor([1, 2])
x /= 2
