# needs: numpy
import numpy as np

print(np.float64(2))
x = np.float(2)
