# needs: numpy
import numpy as np

print(np.ones(3) + np.ones((2, 1)))
print(np.ones(3) + np.ones(4))
