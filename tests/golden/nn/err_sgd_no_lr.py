# needs: nn
import torch.nn as nn
import torch.optim as optim

net = nn.Linear(2, 1)
optim.SGD(net.parameters())
