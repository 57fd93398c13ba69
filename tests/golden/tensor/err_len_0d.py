# needs: core
import torch
print("start")
len(torch.tensor(1.))
