# needs: core
import torch
print("start")
torch.ones(2, 3).t().view(6)
