# needs: numpy
import torch

print(torch.from_numpy(torch.ones(2).numpy()))
torch.from_numpy([1.0, 2.0])
