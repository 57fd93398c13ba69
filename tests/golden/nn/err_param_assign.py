# needs: nn
import torch
import torch.nn as nn

lin = nn.Linear(2, 2)
lin.weight = torch.ones(2, 2)
