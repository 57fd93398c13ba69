# needs: core
# time: clocks and sleep (no absolute times printed)
import time
t0, p0, m0, c0 = time.time(), time.perf_counter(), time.monotonic(), time.process_time()
print(type(t0).__name__, type(p0).__name__, type(m0).__name__, type(c0).__name__, type(time.time_ns()).__name__, type(time.perf_counter_ns()).__name__)
print("after 2020:", t0 > 1577836800, abs(time.time_ns() / 1e9 - t0) < 5)
time.sleep(0.03)
time.sleep(0)
time.sleep(1 / 100)
p1, m1 = time.perf_counter(), time.monotonic()
print("slept:", p1 - p0 >= 0.035, m1 >= m0, time.process_time() >= c0)
busy = time.perf_counter()
while time.perf_counter() - busy < 0.01:
    pass
print("busy loop done")
for bad in [-1, "a", None]:
    try:
        time.sleep(bad)
    except (ValueError, TypeError) as err:
        print(type(err).__name__ + ":", err)
for call in [lambda: time.sleep(), lambda: time.sleep(1, 2), lambda: time.time(1), lambda: time.sleep(float("nan"))]:
    try:
        call()
    except (TypeError, ValueError) as err:
        print(type(err).__name__ + ":", err)
print(len(time.strftime("%Y-%m-%d")), time.strftime("%Y")[:2])
