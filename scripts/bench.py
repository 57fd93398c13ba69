#!/usr/bin/env python3
"""make bench: times tl against its references in the same run and prints
ratios (median of N runs). References: CPython 3.11 (`python3` on PATH) for
the language, PyTorch 1.13 (`/usr/bin/python3` with torch) for tensors.
A reference that is not installed is reported as missing, not faked."""
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TL = os.path.join(ROOT, "tl")
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
TORCH_PY = "/usr/bin/python3"


def wall(cmd, env=None):
    t0 = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    dt = time.perf_counter() - t0
    if r.returncode != 0:
        raise RuntimeError("%s failed: %s" % (cmd, r.stderr.decode()[-500:]))
    return dt


def median_time(cmd):
    return statistics.median(wall(cmd) for _ in range(RUNS))


def has_torch():
    try:
        return subprocess.run([TORCH_PY, "-c", "import torch"], capture_output=True).returncode == 0
    except OSError:
        return False


def row(name, tl_s, ref_s, ref_name, goal):
    ratio = tl_s / ref_s if ref_s else float("nan")
    print("%-38s tl %9.4f s   %-14s %9.4f s   ratio %.3f   (goal %s)" % (name, tl_s, ref_name, ref_s, ratio, goal))


def main():
    print("tl benchmarks, median of %d runs (ratio = tl / reference; lower is better)" % RUNS)
    # The python3 on PATH may be a pyenv shim (a shell script): time the real binary.
    py = subprocess.run(["python3", "-c", "import sys; print(sys.executable)"],
                        capture_output=True, text=True).stdout.strip() or "python3"
    t_start = median_time([TL, "-c", "pass"])
    if has_torch():
        t_torch = median_time([TORCH_PY, "-c", "import torch"])
        row("start-up: tl -c pass vs import torch", t_start, t_torch, "torch import", "< 0.02 and < 10 ms")
    print("%-38s tl %9.4f s" % ("start-up: tl -c pass (absolute)", t_start))
    for name, script in [("loop: s += i*i, 10M at module level", "bench/loop.py"),
                         ("recursive fib(30)", "bench/fib.py")]:
        path = os.path.join(ROOT, script)
        row(name, median_time([TL, path]), median_time([py, path]), "CPython", "<= 0.5")
    extra = os.path.join(ROOT, "scripts", "bench_tensor.py")
    if os.path.exists(extra):
        subprocess.run([sys.executable, extra])


if __name__ == "__main__":
    main()
