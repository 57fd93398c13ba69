# needs: core
import torch
print("start")
torch.zeros(2).shape()
