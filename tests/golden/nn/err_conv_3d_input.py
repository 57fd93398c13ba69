# needs: nn
import torch
import torch.nn as nn

conv = nn.Conv2d(1, 2, 3)
print(conv(torch.ones(1, 5, 5)).shape)
conv(torch.ones(5, 5))
