# needs: core
import torch
print("start")
torch.ones(2).cuda()
