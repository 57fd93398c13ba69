# needs: numpy
import numpy as np

a = np.zeros(3)
a[:2] = [1, 2]
print(a)
a[:2] = [1, 2, 3]
