# needs: core
import torch
print("start")
torch.cat([torch.ones(2), 3])
