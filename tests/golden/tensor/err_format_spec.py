# needs: core
import torch
print("start")
'{:.2f}'.format(torch.ones(2))
