# needs: nn
import torch.nn as nn

net = nn.Linear(2, 2)
print(net.weight.shape)
print(net.wieght)
