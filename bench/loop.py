# The loop `s = 0; for i in range(10_000_000): s += i*i` overflows
# tl's 64-bit ints (sum = 3.3e20), so s starts as a float: the same loop
# shape (an int multiply and an add per iteration) for both interpreters.
s = 0.0
for i in range(10_000_000):
    s += i*i
print(s)
