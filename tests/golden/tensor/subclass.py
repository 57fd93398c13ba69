# needs: core
import torch


class T(torch.Tensor):
    pass


t = T([1., 2.])
print(type(t).__name__, t.shape, t.sum().item(), isinstance(t, torch.Tensor), t.dtype)
