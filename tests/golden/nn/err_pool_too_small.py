# needs: nn
import torch
import torch.nn.functional as F

x = torch.ones(1, 1, 3, 3)
print(F.max_pool2d(x, 2).shape)
F.max_pool2d(F.max_pool2d(x, 2), 2)
