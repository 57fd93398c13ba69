# needs: core
import torch
print("start")
x = torch.zeros(3)
x[0] = 'a'
