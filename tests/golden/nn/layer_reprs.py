# needs: nn
import torch
import torch.nn as nn

for m in [nn.Conv2d(1, 2, 3, padding=1), nn.Conv2d(2, 4, (3, 5), stride=(2, 1), bias=False, groups=2),
          nn.Conv2d(3, 3, 3, dilation=2, padding='same'), nn.Conv2d(3, 3, 1, padding='valid'),
          nn.MaxPool2d(2), nn.MaxPool2d((3, 2), stride=1, padding=1, ceil_mode=True), nn.ReLU(inplace=True),
          nn.Dropout(), nn.Dropout(0.25, inplace=True), nn.Softmax(dim=-1), nn.Softmax(), nn.LogSoftmax(1),
          nn.Flatten(), nn.Flatten(0, 2), nn.Sigmoid(), nn.Tanh(), nn.Identity(), nn.MSELoss(),
          nn.MSELoss(reduction='sum'), nn.CrossEntropyLoss(), nn.CrossEntropyLoss(weight=torch.ones(3)),
          nn.NLLLoss(), nn.L1Loss(), nn.Linear(1, 1)]:
    print(m)
c = nn.Conv2d(6, 16, 5)
print(c.weight.shape, c.bias.shape, c.kernel_size, c.stride, c.padding, c.dilation, c.groups)
print(c.in_channels, c.out_channels, c.padding_mode)
l = nn.Linear(5, 7)
print(l.in_features, l.out_features, l.weight.shape)
print(nn.MSELoss().reduction, nn.CrossEntropyLoss().ignore_index, nn.CrossEntropyLoss().weight)
