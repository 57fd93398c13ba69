# needs: core
# math domain errors are ValueErrors
import math
print(math.sqrt(4))
print(math.log(0))
