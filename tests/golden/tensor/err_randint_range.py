# needs: core
import torch
print("start")
torch.randint(5, 3, (2,))
