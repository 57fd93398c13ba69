# needs: core
import torch
print("start")
torch.ones(2).normal_(0, -1)
