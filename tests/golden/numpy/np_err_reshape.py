# needs: numpy
import numpy as np

print(np.arange(6).reshape(3, -1))
np.arange(6).reshape(4, 2)
