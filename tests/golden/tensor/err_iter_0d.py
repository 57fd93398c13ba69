# needs: core
import torch
print("start")
for v in torch.tensor(1.):
    pass
