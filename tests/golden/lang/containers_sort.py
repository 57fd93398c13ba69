# needs: core
# list.sort / sorted: stability, key, reverse, user __lt__, errors
data = [(i % 7, i) for i in range(60)]
seed = 12345
for i in range(59, 0, -1):          # deterministic shuffle (an LCG), no random module
    seed = (seed * 1103515245 + 12345) % 2147483648
    j = seed % (i + 1)
    data[i], data[j] = data[j], data[i]
print(data[:6])
s1 = sorted(data, key=lambda p: p[0])
print(all(s1[i][0] < s1[i + 1][0] or (s1[i][0] == s1[i + 1][0]) for i in range(59)))
groups = {}
for k, v in data:
    groups.setdefault(k, []).append(v)
ok = True
for k, v in s1:
    if groups[k][0] != v:
        ok = False
    groups[k].pop(0)
print('stable', ok)
words = ['pear', 'Fig', 'apple', 'kiwi', 'Date', 'plum', 'fig']
print(sorted(words), sorted(words, key=len), sorted(words, key=len, reverse=True))
print(sorted(words, key=str.lower), sorted(words, key=str.lower, reverse=True))
nums = [3.5, -1, 2, 0, 2.0, True, -7.25, 10]
print(sorted(nums), sorted(nums, reverse=True))
big = list(range(100, 0, -1))
big.sort()
print(big[:5], big[-3:])
big.sort(reverse=True)
print(big[:5])
class V:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        return self.v < other.v
    def __repr__(self):
        return 'V(%d)' % self.v
print(sorted([V(3), V(1), V(2)]))
vs = [V(2), V(1)]
vs.sort(reverse=True)
print(vs, max(vs, key=lambda o: o.v))
try:
    sorted([1, 'a', 2])
except TypeError as e:
    print('TypeError:', e)
try:
    [3, None].sort()
except TypeError as e:
    print('TypeError:', e)
try:
    [1, 2].sort(1)
except TypeError as e:
    print('TypeError:', e)
try:
    [1, 2].sort(foo=1)
except TypeError as e:
    print('TypeError:', e)
print(sorted([[2, 1], [1, 5], [1, 2]]), sorted([(1, 'b'), (1, 'a'), (0, 'z')]))
print(sorted('hello world'), sorted({'b': 1, 'a': 2}), sorted({5, 3, 9}))
x = [4, 2, 9]
print(x.sort(), x, sorted(x, key=lambda v: -v))
print(sorted([], reverse=True), sorted([1]))
