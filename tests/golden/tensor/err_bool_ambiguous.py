# needs: core
import torch
print("start")
x = torch.ones(2)
if x:
    pass
