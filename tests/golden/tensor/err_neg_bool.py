# needs: core
import torch
print("start")
-torch.tensor([True])
