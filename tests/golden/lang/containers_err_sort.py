# needs: core
# An uncaught error from list.sort comparing mixed types
items = [3, "two", 1]
print("sorting", len(items))
items.sort()
print("not reached")
