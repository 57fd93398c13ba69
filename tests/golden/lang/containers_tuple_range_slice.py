# needs: core
# tuples, ranges, slice objects
t = (1, 'a', (2,), [3])
print(t, (), (1,), ((),), t[1:], t[::-1], t[-1], len(t), t[5:])
print(t + (4,), (1, 2) * 2, 2 * (0,), (1, 2) * 0, ('x',) * -1)
print((1, 2) < (1, 2, 3), (1, 2) == (1, 2), (2,) > (1, 2), (1, 'b') >= (1, 'a'), () < (0,))
print(hash((1, 2)) == hash((1, 2)), hash(()) == hash(()), {(1, 2): 'p'}[1, 2], hash((1, 2)), hash(()), hash((1, (2, 3), -1, True)))
print(t.count('a'), t.index((2,)), (1, 2, 1).index(1, 1), (0, 1, 0).count(0))
try:
    (1, 2).index(5)
except ValueError as e:
    print('ValueError:', e)
try:
    t[10]
except IndexError as e:
    print('IndexError:', e)
try:
    t['a']
except TypeError as e:
    print('TypeError:', e)
try:
    (1,) + [2]
except TypeError as e:
    print('TypeError:', e)
try:
    hash(([],))
except TypeError as e:
    print('TypeError:', e)
try:
    t[0] = 1
except TypeError as e:
    print('TypeError:', e)
print(tuple(), tuple([1, 2]), tuple('ab'), tuple(range(3)), tuple({'k': 1}))
a, (b, c) = 1, (2, 3)
print(a, b, c)
r = range(10)
print(r, range(2, 8), range(0, 10, 3), range(5, 0, -1), range(-3))
print(len(r), len(range(0, 10, 3)), len(range(5, 0, -2)), len(range(3, 3)), len(range(0, -5)))
print(r[3], r[-1], r[2:5], r[::-1], r[::2], r[1::3][1:], range(0, 20, 5)[-2])
print(list(range(0, 10, 3)), list(range(10, 0, -4)), list(range(0)), list(range(-2, 2)))
print(3 in r, 10 in r, -1 in r, 4 in range(0, 10, 2), 5 in range(0, 10, 2), 3.0 in r, 'a' in r, True in r)
print(r.index(4), range(0, 20, 5).index(15), r.count(3), r.count(11), range(0, 10, 2).count(4.0))
print(r.start, r.stop, r.step, range(1, 9, 2).step)
print(range(0) == range(5, 5), range(0, 3) == range(3), range(0, 10, 3) == range(0, 11, 3), r == list(r), range(1) == range(1, 0, -1))
print(list(reversed(range(1, 10, 3))), sum(range(101)), max(range(7)), bool(range(0)), bool(range(1)))
try:
    range(1, 2, 0)
except ValueError as e:
    print('ValueError:', e)
try:
    range(1.5)
except TypeError as e:
    print('TypeError:', e)
try:
    range()
except TypeError as e:
    print('TypeError:', e)
try:
    r[10]
except IndexError as e:
    print('IndexError:', e)
try:
    r.index(10)
except ValueError as e:
    print('ValueError:', e)
s = slice(5)
print(s, slice(1, 2), slice(1, 10, 3), s.start, s.stop, s.step, slice(None))
print(slice(1, 10, 2).indices(5), slice(None, None, -1).indices(4), slice(-3, None).indices(10))
print(slice(1, 2) == slice(1, 2), slice(1, 2) == slice(1, 3), slice(1, 2) < slice(1, 3))
print('abcdef'[slice(1, 4)], [0, 1, 2, 3][slice(None, None, -2)], (1, 2, 3)[slice(1, None)])
try:
    [1, 2][::0]
except ValueError as e:
    print('ValueError:', e)
try:
    [1, 2]['a':]
except TypeError as e:
    print('TypeError:', e)
try:
    hash(slice(1))
except TypeError as e:
    print('TypeError:', e)
m = [[1, 2], (3, 4), {5: 6}, {7}, range(2), 'x', None, 1.5, True]
print(m, str(m), repr(m))
print(list(zip(range(3), 'abc')), list(enumerate((5, 6))), [x * 2 for x in range(3)])
