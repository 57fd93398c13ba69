# needs: nn
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        self.fc = nn.Linear(2, 2)
        super().__init__()


Net()
