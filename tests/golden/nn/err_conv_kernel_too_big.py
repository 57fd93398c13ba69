# needs: nn
import torch
import torch.nn as nn

conv = nn.Conv2d(1, 1, 5)
conv(torch.ones(1, 1, 4, 4))
