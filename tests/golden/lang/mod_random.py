# needs: core
# random: reproducibility after seed(), ranges and distributions (properties
# only: tl's sequences differ from CPython's), argument errors
import random
random.seed(42)
a = [random.random() for _ in range(5)]
random.seed(42)
b = [random.random() for _ in range(5)]
print("reseed reproduces:", a == b, all(0.0 <= x < 1.0 for x in a), type(a[0]).__name__)
random.seed("tl")
s1 = random.random()
random.seed("tl")
print("str seed reproduces:", s1 == random.random())
random.seed(None)
random.seed()
rolls = [random.randint(1, 6) for _ in range(2000)]
print("randint:", min(rolls), max(rolls), sorted(set(rolls)) == [1, 2, 3, 4, 5, 6], type(rolls[0]).__name__)
r = [random.randrange(10) for _ in range(500)]
print("randrange(10):", min(r), max(r))
r = [random.randrange(5, 20, 5) for _ in range(500)]
print("randrange(5, 20, 5):", sorted(set(r)))
r = [random.randrange(10, 0, -3) for _ in range(500)]
print("randrange(10, 0, -3):", sorted(set(r)))
print("randrange(2.0):", random.randrange(2.0) in (0, 1), random.randint(5, 5), random.randrange(-3, -2))
u = [random.uniform(2.0, 5.0) for _ in range(1000)]
print("uniform:", all(2.0 <= x <= 5.0 for x in u), random.uniform(1.5, 1.5), min(u) < 2.1, max(u) > 4.9)
g = [random.gauss(10.0, 2.0) for _ in range(20000)]
mean = sum(g) / len(g)
var = sum((x - mean) ** 2 for x in g) / len(g)
print("gauss:", abs(mean - 10.0) < 0.1, abs(var ** 0.5 - 2.0) < 0.1)
n = [random.normalvariate(0.0, 1.0) for _ in range(20000)]
print("normalvariate:", abs(sum(n) / len(n)) < 0.05, random.gauss() != random.gauss())
ex = [random.expovariate(2.0) for _ in range(20000)]
print("expovariate:", abs(sum(ex) / len(ex) - 0.5) < 0.03, min(ex) >= 0)
t = [random.triangular(0, 10, 2) for _ in range(1000)]
print("triangular:", all(0 <= x <= 10 for x in t))
bits = [random.getrandbits(3) for _ in range(300)]
print("getrandbits:", min(bits), max(bits), random.getrandbits(0))
deck = list(range(20))
random.shuffle(deck)
print("shuffle:", sorted(deck) == list(range(20)), len(deck))
random.seed(3)
x = list(range(10)); random.shuffle(x)
random.seed(3)
y = list(range(10)); random.shuffle(y)
print("shuffle reproducible:", x == y)
colors = ["red", "green", "blue"]
print("choice:", all(random.choice(colors) in colors for _ in range(50)), random.choice("x"), random.choice((7,)), random.choice(range(3, 4)))
c = random.choices(colors, k=100)
print("choices:", len(c), set(c) <= set(colors), random.choices(colors, weights=[0, 1, 0], k=3), random.choices("ab", cum_weights=[0, 1], k=2))
print("choices default k:", len(random.choices([1, 2])), random.choices([5], k=0))
smp = random.sample(range(100), 10)
print("sample:", len(smp), len(set(smp)), all(0 <= v < 100 for v in smp), sorted(random.sample([1, 2, 3], 3)), random.sample("abc", 0))
print("sample k=:", len(random.sample(population=["a", "b"], k=1)))
tests = [
    lambda: random.choice([]), lambda: random.randint(5, 1), lambda: random.randrange(0), lambda: random.randrange(10, 5),
    lambda: random.randrange(5, 1, 2), lambda: random.randrange(1, 5, 0), lambda: random.randrange(2.5),
    lambda: random.randint(1.5, 2), lambda: random.sample([1, 2], 3), lambda: random.sample({1, 2}, 1),
    lambda: random.sample([1], -1), lambda: random.shuffle(5), lambda: random.choices([1, 2], weights=[1]),
    lambda: random.choices([1, 2], [0, 0]), lambda: random.choices([1, 2], [1, 1], cum_weights=[1, 2]),
    lambda: random.random(1), lambda: random.randint(1), lambda: random.uniform(1), lambda: random.shuffle([1], 2),
    lambda: random.seed(1, 2, 3), lambda: random.choice(5), lambda: random.getrandbits(-1), lambda: random.gauss(1, 2, 3),
]
for t in tests:
    try:
        print("no error:", t())
    except (TypeError, ValueError, IndexError) as err:
        print(type(err).__name__ + ":", err)
