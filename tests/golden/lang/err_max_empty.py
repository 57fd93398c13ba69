# needs: core
# max() of an empty sequence without default
print(max([3, 4]))
print(max(x for x in []))
