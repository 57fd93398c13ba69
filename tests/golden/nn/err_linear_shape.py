# needs: nn
import torch
import torch.nn as nn

net = nn.Sequential(nn.Linear(4, 3), nn.ReLU())
print(net(torch.ones(2, 4)).shape)
net(torch.ones(2, 5))
