# needs: core
import torch
print("start")
torch.ones(3).expand(2, 2)
