# needs: core
# dict: order, deletion, views, methods, errors, equality
d = {}
for i in range(20):
    d[i * 7 % 20] = i
print(d)
for i in range(0, 20, 3):
    del d[i]
print(d, len(d))
d[0] = 'again'
print(list(d)[-1], d[0])
print({1: 'a', True: 'b', 1.0: 'c'}, {0: 1, False: 2, 0.0: 3})
e = {'x': 1, 'y': 2, 'z': 3}
k, v, it = e.keys(), e.values(), e.items()
print(k, v, it)
print(len(k), 'x' in k, 2 in v, ('y', 2) in it, ('y', 3) in it, 'q' in k)
e['w'] = 4
print(list(k), list(v), list(it))
print(k & {'x', 'w', 'nope'} == {'x', 'w'}, sorted(k | {'a'}), sorted(k - {'x'}), sorted(k ^ {'x', 'b'}))
print(k == {'x', 'y', 'z', 'w'}, {'a': 1}.keys() == {'a': 1}.keys(), e.items() == {('x', 1), ('y', 2), ('z', 3), ('w', 4)})
print(e.get('x'), e.get('nope'), e.get('nope', 0))
print(e.pop('w'), e.pop('w', None), e)
try:
    e.pop('w')
except KeyError as ex:
    print('KeyError:', ex)
try:
    e['missing']
except KeyError as ex:
    print('KeyError:', ex, repr(ex))
try:
    e[(1, 2)]
except KeyError as ex:
    print('KeyError:', ex)
try:
    del e['missing']
except KeyError as ex:
    print('KeyError:', ex)
try:
    e[[1]] = 2
except TypeError as ex:
    print('TypeError:', ex)
try:
    {}.popitem()
except KeyError as ex:
    print('KeyError:', ex)
p = {'a': 1, 'b': 2, 'c': 3}
print(p.popitem(), p)
p['d'] = 4
print(p.popitem(), p.popitem(), p)
print(p.setdefault('a', 9), p.setdefault('n'), p)
p.update([('u', 1)], v=2)
p.update({'a': 100})
p.update(zip('xy', range(2)))
print(p)
try:
    p.update([1])
except TypeError as ex:
    print('TypeError:', ex)
try:
    p.update([(1, 2, 3)])
except ValueError as ex:
    print('ValueError:', ex)
try:
    dict([('a',), ('b', 2)])
except ValueError as ex:
    print('ValueError:', ex)
print(dict.fromkeys('abc'), dict.fromkeys([1, 2], 0), {}.fromkeys((5,), 'v'))
print(dict(a=1, b=2), dict({'a': 1}, b=2), dict([(1, 2)], x=3), dict(zip([1, 2], [3, 4])))
q = {'a': 1}
r = q.copy()
r['b'] = 2
print(q, r, q == r, q != r, {'a': 1, 'b': 2} == {'b': 2, 'a': 1}, {'a': [1]} == {'a': [1]})
print(q | r, r | {'a': 0}, q)
q |= {'z': 26}
q |= [('y', 25)]
print(q)
try:
    q < r
except TypeError as ex:
    print('TypeError:', ex)
try:
    hash({})
except TypeError as ex:
    print('TypeError:', ex)
try:
    for key in q:
        q['new'] = 1
except RuntimeError as ex:
    print('RuntimeError:', ex)
rec = {}
rec['self'] = rec
print(rec)
print(bool({}), bool({0: 0}), len({}), {} == {}, {1: 2} == {1: 2.0}, {1: 2} == [1])
x = {'a': 1, 'b': 2}
x.clear()
print(x, len(x))
nan = float('nan')
dn = {nan: 1}
print(dn[nan], nan in dn)
big = {i: i * i for i in range(1000)}
for i in range(0, 1000, 2):
    del big[i]
print(len(big), big[999], sum(big.values()), list(big)[:5])
print(sorted({'b': 1, 'a': 2}.items()), list(reversed(sorted({3: 1, 1: 2}))))
print(type({}.keys()).__name__, type({}.values()).__name__, type({}.items()).__name__)
print({(1, 2): 3, 'k': None, 2.5: [1]}, {None: None})
