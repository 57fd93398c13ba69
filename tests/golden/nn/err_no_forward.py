# needs: nn
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2, 2)

    def foward(self, x):
        return self.fc(x)


net = Net()
print(net)
net(torch.ones(1, 2))
