# needs: core
import torch
print("start")
'a' in torch.ones(2)
