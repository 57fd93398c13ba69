# needs: core
# enumerate, zip, map, filter, reversed, iter, next and their iterator types
print(list(enumerate("abc")), list(enumerate(["x", "y"], 5)), list(enumerate([], start=-1)))
e = enumerate(range(3), start=10)
print(next(e), next(e), list(e), list(e))
print(list(zip([1, 2, 3], "ab")), list(zip()), list(zip([1])), list(zip(range(3), range(10, 13), "xyz")))
print(dict(zip(["a", "b"], [1, 2])))
pairs = [(1, "one"), (2, "two")]
nums, words = zip(*pairs)
print(nums, words)
z = zip([1, 2, 3], [4, 5], strict=True)
print(next(z), next(z))
for args in ([[1], [2, 3]], [[1, 2], [3]], [[1], [2], [3, 4]], [[1, 2], [3, 4], [5]]):
    try:
        print(list(zip(*args, strict=True)))
    except ValueError as err:
        print("ValueError:", err)
print(list(zip([1, 2], [3, 4], strict=True)))
print(list(map(abs, [-1, 2, -3])), list(map(lambda a, b: a * b, [1, 2, 3], [4, 5])), list(map(str, range(3))))
print(list(map(pow, [2, 3], [3, 2], [5, 7])))
print(list(filter(None, [0, 1, "", "a", None, [], [0]])), list(filter(lambda v: v > 1, [0, 1, 2, 3])))
print(list(reversed([1, 2, 3])), list(reversed((1, 2))), list(reversed("héllo")), list(reversed(range(1, 10, 3))))
print(list(reversed({"a": 1, "b": 2})), list(reversed([])))
class Seq:
    def __len__(self):
        return 3
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError(i)
        return i * 10
class Rev:
    def __reversed__(self):
        return iter("zyx")
print(list(reversed(Seq())), list(Seq()), list(reversed(Rev())), 20 in Seq())
it = iter([1, 2])
print(iter(it) is it, next(it), next(it), next(it, "done"), next(it, None))
try:
    next(it)
except StopIteration as err:
    print("StopIteration", repr(err), err.args)
data = [1, 2, 3, 0, 4]
print(list(iter(data.pop, 3)), data)
count = [0]
def tick():
    count[0] += 1
    return count[0]
print(list(iter(tick, 4)))
m = map(str, [1, 2])
print(next(m), list(m), list(m))
print(type(enumerate([])).__name__, type(zip()).__name__, type(map(str, [])).__name__, type(filter(None, [])).__name__)
print(type(reversed((1,))).__name__, type(reversed([1])).__name__, type(iter(tick, 0)).__name__)
print(enumerate, zip, map, filter, reversed, isinstance(map(str, []), map))
squares = map(lambda v: v * v, range(1, 4))
print(sum(squares), sum(squares))
g = (x for x in range(3))
print(list(enumerate(g)))
for i, (a, b) in enumerate(zip("ab", "cd")):
    print(i, a, b)
for bad in ["enumerate(5)", "zip(1)", "map(len)", "map(None, 5)", "filter(len)", "reversed(5)", "reversed({1})", "next([])", "iter(5)", "iter(5, 1)"]:
    try:
        {"enumerate(5)": lambda: enumerate(5), "zip(1)": lambda: zip(1), "map(len)": lambda: map(len),
         "map(None, 5)": lambda: map(None, 5), "filter(len)": lambda: filter(len), "reversed(5)": lambda: reversed(5),
         "reversed({1})": lambda: reversed({1}), "next([])": lambda: next([]), "iter(5)": lambda: iter(5),
         "iter(5, 1)": lambda: iter(5, 1)}[bad]()
    except TypeError as err:
        print(bad, "->", err)
