# needs: numpy
import numpy as np

print(np.zeros(2, 'f4'))
np.zeros(3, 'foo')
