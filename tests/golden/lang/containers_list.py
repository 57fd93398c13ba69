# needs: core
# list: indexing, slicing, slice assignment/deletion, methods, errors
a = list(range(10))
print(a[0], a[-1], a[-10], a[3:7], a[::3], a[::-1], a[8:2:-2], a[-3:], a[:-7:-2])
print(a[100:], a[-100:2], a[5:5], a[7:3], a[::-4])
b = a[:]
b[2:5] = ['x']
print(b)
b[::2] = range(len(b[::2]))
print(b)
del b[::3]
print(b)
del b[-2:]
print(b)
del b[0]
print(b)
b[1:1] = [7, 8, 9]
print(b)
b[-1:] = []
print(b)
c = [1, 2, 3, 4, 5, 6]
c[4:1:-1] = 'abc'
print(c)
del c[::-2]
print(c)
c[5:] = (10, 11)
print(c)
c[:0] = c
print(c)
try:
    c[::2] = [1, 2]
except ValueError as e:
    print('ValueError:', e)
try:
    c[0:2] = 5
except TypeError as e:
    print('TypeError:', e)
try:
    c[100] = 1
except IndexError as e:
    print('IndexError:', e)
try:
    print(c[100])
except IndexError as e:
    print('IndexError:', e)
try:
    del c[100]
except IndexError as e:
    print('IndexError:', e)
try:
    c['a']
except TypeError as e:
    print('TypeError:', e)
try:
    c[1.5] = 0
except TypeError as e:
    print('TypeError:', e)
print(c[True], c[False])
x = [3, 1, 2]
print(x.pop(), x, x.pop(0), x)
try:
    [].pop()
except IndexError as e:
    print('IndexError:', e)
try:
    [1].pop(5)
except IndexError as e:
    print('IndexError:', e)
try:
    [1, 2].remove(3)
except ValueError as e:
    print('ValueError:', e)
try:
    [1, 2].index(3)
except ValueError as e:
    print('ValueError:', e)
try:
    ['a'].index('b')
except ValueError as e:
    print('ValueError:', e)
n = [1, 2, 1, 2, 1]
print(n.index(1, 1), n.index(1, -2), n.index(2, 0, 2), n.count(1), n.count(7))
n.insert(-100, 0); n.insert(100, 9); n.insert(2, 'm')
print(n)
n.extend(range(2)); n.extend((5,)); n.extend({'k': 1})
print(n, len(n))
n += 'ab'
print(n)
m = n
m *= 2
print(m is n, len(n))
print([0] * 0, [1, 2] * -1, 3 * [1], [[]] * 2)
print([1, 2] + [3], [] + [])
try:
    [1] + (2,)
except TypeError as e:
    print('TypeError:', e)
try:
    [1] * 1.5
except TypeError as e:
    print('TypeError:', e)
try:
    [1] * 'a'
except TypeError as e:
    print('TypeError:', e)
print([1, 2] < [1, 3], [1, 2] <= [1, 2], [2] > [1, 5], [1, 2, 3] >= [1, 2], [] == [], [1] != [1.0])
print([1, [2, 3]] == [1, [2, 3]], [1, 'a'] < [1, 'b'])
try:
    [1, 2] < [1, 'a']
except TypeError as e:
    print('TypeError:', e)
print(2 in [1, 2], 3 not in [1, 2], [] in [[]], bool([]), bool([0]))
r = [1, 2]
r.append(r)
print(r, len(r))
s = []
s.append([s])
print(s)
y = [5, 2, 8]
y.reverse()
print(y, y.copy(), y.copy() is y)
y.clear()
print(y)
print(list(), list('hi'), list((1, 2)), list({3: 4}), list(range(2, 5)))
try:
    list(1)
except TypeError as e:
    print('TypeError:', e)
try:
    list(1, 2)
except TypeError as e:
    print('TypeError:', e)
try:
    hash([])
except TypeError as e:
    print('TypeError:', e)
it = iter([1, 2])
print(next(it), next(it), next(it, 'done'))
print(list(reversed([1, 2, 3])))
try:
    [].append()
except TypeError as e:
    print('TypeError:', e)
try:
    [].insert(1)
except TypeError as e:
    print('TypeError:', e)
