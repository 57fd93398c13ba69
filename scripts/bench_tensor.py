#!/usr/bin/env python3
"""Tensor and autograd benchmarks for `make bench`: the same program runs in
tl and in PyTorch 1.13 (/usr/bin/python3) in the same session; each program
times its own loop with time.perf_counter and prints seconds per iteration.
Ratios are tl / PyTorch (median of BENCH_RUNS runs)."""
import os
import resource
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TL = os.path.join(ROOT, "tl")
TORCH_PY = "/usr/bin/python3"
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
SEED_BENCH = os.environ.get("BENCH_SEED", "1") != "0"

TIMED = """
import torch, time
{setup}
for i in range({warm}):
    {stmt}
t0 = time.perf_counter()
for i in range({n}):
    {stmt}
print((time.perf_counter() - t0) / {n})
"""

CASES = [
    # name, setup, statement, iterations, goal
    ("tiny 3x3 x + y", "x = torch.randn(3, 3); y = torch.randn(3, 3)", "z = x + y", 100000, "<= 0.2"),
    ("tiny x[1, 1]", "x = torch.randn(3, 3)", "z = x[1, 1]", 100000, "<= 0.2"),
    ("tiny x.view(9)", "x = torch.randn(3, 3)", "z = x.view(9)", 100000, "<= 0.2"),
    ("tiny x.sum()", "x = torch.randn(3, 3)", "z = x.sum()", 100000, "<= 0.2"),
    ("a * b, 2^24 float32", "a = torch.randn(1 << 24); b = torch.randn(1 << 24)", "c = a * b", 20, "see GB/s"),
    ("a + b, 2^24 float32", "a = torch.randn(1 << 24); b = torch.randn(1 << 24)", "c = a + b", 20, "see GB/s"),
    ("x.sum(), 2^24 float32", "x = torch.randn(1 << 24)", "s = x.sum()", 20, "see GB/s"),
    ("mm 1024x1024 float32", "a = torch.randn(1024, 1024); b = torch.randn(1024, 1024)", "c = torch.mm(a, b)", 10, "<= 1.0"),
    ("autograd tiny: y=x*2; y.sum().backward()", "x = torch.randn(3, 3, requires_grad=True)",
     "y = x * 2; s = y.sum(); s.backward()", 20000, "<= 0.2"),
    ("autograd chain of 1000 ops on 1000 elems", "x = torch.randn(1000, requires_grad=True)",
     "y = x\n    for k in range(1000): y = y * 1.0001\n    y.sum().backward()", 3, "<= 0.5"),
]


def run_timed(binary, code):
    r = subprocess.run([binary, "-c", code], capture_output=True, text=True)
    if r.returncode != 0:
        return None, r.stderr.strip().splitlines()[-1:] or ["failed"]
    return float(r.stdout.strip().splitlines()[-1]), None


def median_of(binary, code):
    vals = []
    for _ in range(RUNS):
        v, err = run_timed(binary, code)
        if v is None:
            return None, err
        vals.append(v)
    return statistics.median(vals), None


def seed_benchmark():
    """The seeds' benchmark: wall time and peak RSS of the whole process."""
    code = ("import torch\nfor i in range(10):\n    a = torch.randn(10000, 10000)\n"
            "    b = torch.randn(10000, 10000)\n    c = a*b\n")
    out = {}
    for name, binary in (("tl", TL), ("torch", TORCH_PY)):
        walls, rss = [], []
        for _ in range(max(1, RUNS // 2)):
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            t0 = time.perf_counter()
            r = subprocess.run([binary, "-c", code], capture_output=True)
            walls.append(time.perf_counter() - t0)
            if r.returncode != 0:
                print("  %s failed: %s" % (name, r.stderr.decode()[-300:]))
                return
            rss.append(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
            del before
        out[name] = (statistics.median(walls), max(rss))
    (tw, tr), (pw, pr) = out["tl"], out["torch"]
    print("%-44s tl %8.3f s  torch %8.3f s  ratio %.3f (goal <= 0.5); peak RSS tl %d MB, torch >= %d MB"
          % ("seed benchmark: 10x randn(1e4,1e4) a*b", tw, pw, tw / pw, tr // 1024, pr // 1024))


def main():
    if subprocess.run([TORCH_PY, "-c", "import torch"], capture_output=True).returncode != 0:
        print("PyTorch (/usr/bin/python3 with torch) is not installed: tensor ratios skipped")
        return
    for name, setup, stmt, n, goal in CASES:
        code = TIMED.format(setup=setup, stmt=stmt, n=n, warm=max(1, n // 10))
        t_tl, err = median_of(TL, code)
        t_pt, err2 = median_of(TORCH_PY, code)
        if t_tl is None or t_pt is None:
            print("%-44s failed: %s" % (name, (err or err2)))
            continue
        extra = ""
        if "2^24" in name:
            nbytes = (3 if "sum" not in name else 1) * 4 * (1 << 24)
            extra = "  tl %.1f GB/s, torch %.1f GB/s" % (nbytes / t_tl / 1e9, nbytes / t_pt / 1e9)
        print("%-44s tl %10.3g s  torch %10.3g s  ratio %.3f (goal %s)%s"
              % (name, t_tl, t_pt, t_tl / t_pt, goal, extra))
    for name in ("bench_tensor", "bench_linalg"):   # C-level: kernels vs triad, mm vs cblas_sgemm
        path = os.path.join(ROOT, "build", name)
        if os.path.exists(path):
            print("== %s" % name, flush=True)
            subprocess.run([path])
    if SEED_BENCH:
        seed_benchmark()


if __name__ == "__main__":
    main()
