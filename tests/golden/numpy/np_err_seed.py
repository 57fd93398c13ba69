# needs: numpy
import numpy as np

np.random.seed(2**32 - 1)
print('ok')
np.random.seed(-1)
