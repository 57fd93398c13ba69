# needs: core
# set/frozenset: CPython's iteration order for ints, algebra, comparisons
print({3, 1, 2}, {10, 5, 1, 8}, set(range(20, 0, -3)), {-1, -2, 5})
s = set()
for i in [9, 17, 1, 33, 25, 8]:
    s.add(i)
print(s)
s.discard(17)
s.remove(33)
print(s, len(s))
s.add(41)
print(s)
print({x % 5 for x in range(30)}, set('aaa'), set([1, 1.0, True]))
a, b = {1, 2, 3, 4}, {3, 4, 5, 6}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union(b, [7]), a.intersection(b, {4}), a.difference([1], (2,)), a.symmetric_difference([4, 9]))
print(a <= b, a < a | b, a | b > b, a >= {1}, a == {4, 3, 2, 1}, a != b, {1} < {1})
print(a.issubset([1, 2, 3, 4, 5]), a.issuperset([1, 1]), a.isdisjoint({9}), a.isdisjoint([4]))
c = set(a)
c |= {10}
c &= {1, 10, 3}
c -= {3}
c ^= {1, 99}
print(c, a)
c.update([5], (6,))
c.intersection_update([5, 6, 10, 7])
c.difference_update({6})
c.symmetric_difference_update({5, 0})
print(c)
f = frozenset([3, 1])
print(f, frozenset(), set(), repr(frozenset({2})), f | {5}, {5} | f, type(f | {5}).__name__, type({5} | f).__name__)
print(f == {1, 3}, {f: 'x'}[frozenset({1, 3})], hash(f) == hash(frozenset([1, 3])), f.copy() is f)
print({frozenset({1}), frozenset({1})}, frozenset({1}) in {frozenset({1})}, {1} in {frozenset({1})})
try:
    s.remove(1000)
except KeyError as e:
    print('KeyError:', e)
try:
    set().pop()
except KeyError as e:
    print('KeyError:', e)
try:
    {[1]}
except TypeError as e:
    print('TypeError:', e)
try:
    hash({1})
except TypeError as e:
    print('TypeError:', e)
try:
    {1} | [2]
except TypeError as e:
    print('TypeError:', e)
try:
    {1} < [1]
except TypeError as e:
    print('TypeError:', e)
try:
    for v in s:
        s.add(v + 100)
except RuntimeError as e:
    print('RuntimeError:', e)
p = {1, 2, 3}
print(p.pop(), p.pop(), p)
big = set(range(100))
for i in range(0, 100, 3):
    big.discard(i)
print(len(big), sorted(big)[:5], 99 in big, 0 in big)
big2 = set(range(1000, 0, -7))
print(list(big2)[:8])
print({(1, 2), (2, 1)} == {(2, 1), (1, 2)}, len({(1, 2), (1, 2)}), {None, None})
print(bool(set()), bool({0}), set({'a': 1, 'b': 2}) == {'a', 'b'}, sorted({'q', 'r'}))
print({1.5, 2.5, 0.5}, {1, 2}.copy(), {1: 0}.keys() & {1})
e = set()
e.clear()
print(e, {0}.union(), set().intersection({1}))
