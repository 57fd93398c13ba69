# needs: nn
import torch
import torch.nn as nn

conv = nn.Conv2d(3, 8, 3)
print(conv)
conv(torch.ones(1, 1, 8, 8))
