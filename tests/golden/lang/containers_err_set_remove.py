# needs: core
# An uncaught KeyError from set.remove shows the repr of the key
seen = {(1, 2), (3, 4)}
seen.remove((1, 2))
print(sorted(seen))
seen.remove((5, 6))
