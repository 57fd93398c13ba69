# needs: numpy
import numpy as np

a = np.arange(3)
if (a > 1).any():
    print('some')
if a > 1:
    print('all')
