# needs: core
# sorted, min, max, sum, all, any: keys, defaults, stability, errors
words = ["banana", "Apple", "cherry", "apple", "Banana"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len, reverse=True))
print(sorted((3, 1, 2)), sorted("cab"), sorted({3: "x", 1: "y"}), sorted({5, 1, 3}, reverse=True), sorted([]))
recs = [("b", 2), ("a", 2), ("c", 1)]
print(sorted(recs, key=lambda r: r[1]), sorted(recs, key=lambda r: r[1], reverse=True))
src = [3, 1, 2]
out = sorted(src)
print(out, src, out is src)
print(min(3, 1, 2), max(3, 1, 2), min([4, 2, 8]), max("hello"), min("b", "a"), max([1.5, 2, 0.5]))
print(max([(1, "b"), (1, "a"), (0, "z")]), min([[2], [1, 5], [1]]))
print(max(["aa", "b", "ccc"], key=len), min(["aa", "b", "cc"], key=len), max([1, -3, 2], key=abs), min([1, -3, 2], key=abs))
print(max([3, 3.0], key=lambda v: v), min([3.0, 3]), max([1, 1.0]))
print(min([], default=None), max((), default="empty"), max([5], default=0), min(iter([]), default=-1))
print(max(range(10), key=lambda v: v % 4), min(x * x for x in range(-3, 3)))
print(sum([1, 2, 3]), sum([]), sum([1, 2], 10), sum([0.1] * 10), sum(range(101)), sum([True, True, False]))
print(sum([[1], [2, 3]], []), sum(((1,), (2,)), ()), sum([0.5, 1, 2]), sum([1, 2], start=0.5))
print(sum(x * x for x in range(4)), sum([1e100, 1.0, -1e100]), sum([-0.0]), sum([], -0.0))
print(all([]), all([1, "a", [0]]), all([1, 0]), any([]), any([0, "", None]), any([0, 2]))
print(all(x > 0 for x in [1, 2, 3]), any(x > 2 for x in [1, 2, 3]), all("abc"), any(""))
def noisy(v):
    print("check", v)
    return v
print(any(noisy(v) for v in [0, 1, 2]), all(noisy(v) for v in [1, 0, 2]))
tests = [
    lambda: max(), lambda: min([]), lambda: max([]), lambda: max(5), lambda: max(1, 2, default=0),
    lambda: max([1], foo=1), lambda: min([1, "a"]), lambda: sum(), lambda: sum([1], 2, 3),
    lambda: sum(["a", "b"], ""), lambda: sum([1, "a"]), lambda: sum(5), lambda: sorted(), lambda: sorted(5),
    lambda: sorted([1, "a"]), lambda: sorted([], 1), lambda: sorted([3, 1], reverse=None), lambda: all(5),
    lambda: any(), lambda: min([1, 2], key=5), lambda: sorted([1], foo=2), lambda: sum([1], start=1, x=2),
]
for t in tests:
    try:
        print("no error:", t())
    except (TypeError, ValueError) as err:
        print(type(err).__name__ + ":", err)
