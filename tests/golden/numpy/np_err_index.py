# needs: numpy
import numpy as np

z = np.zeros((2, 3))
print(z[1], z[-2, 2])
print(z[2])
