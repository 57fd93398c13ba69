#!/usr/bin/python3
# Generates tests/unit/print_cases.h for test_print.c: tensors built by real
# PyTorch 1.13 with repr(t) as the expected text. Run with the system python
# (torch 1.13):  /usr/bin/python3 tests/unit/gen_print_cases.py
#
# Each case records the tensor's storage geometry (shape, strides, offset,
# storage size) and the value of every *shown* element only; all other storage
# elements are filled with a poison value in C. The generator checks that a
# poisoned copy still prints the same text in PyTorch, so any C code that
# looks at a hidden element (summarized-away or outside the view) fails.
import math
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "print_cases.h")

DTYPES = {
    torch.bool: "DT_BOOL", torch.uint8: "DT_U8", torch.int8: "DT_I8",
    torch.int16: "DT_I16", torch.int32: "DT_I32", torch.int64: "DT_I64",
    torch.float16: "DT_F16", torch.bfloat16: "DT_BF16",
    torch.float32: "DT_F32", torch.float64: "DT_F64",
}
FLOAT_POISON = 1.0e30
INT_POISON = {torch.uint8: 201, torch.int8: -111, torch.int16: -22222,
              torch.int32: -2111111111, torch.int64: -123456789012345}

# ---------------------------------------------------------------- cases
# (code, options) -- code is an expression, or statements that set `t`.
# options: dict of torch.set_printoptions kwargs plus 'default_dtype'.
CASES = []


def case(code, **opts):
    CASES.append((code, opts))


# Conformance cases 083-100 (every tensor they print).
for c in """torch.tensor([1e10, 1.])
torch.tensor([123456., 1.5])
torch.tensor([100000000.])
torch.tensor([1000000000.])
torch.tensor([1.5e8, 2.5])
torch.tensor([12345.678, 0.5])
torch.tensor([[1e5, -2e5], [3.5, 4.]])
torch.tensor(1e20)
torch.tensor([-1e12, 1e12])
torch.tensor([1e10, 1.], dtype=torch.float64)
torch.tensor([1e-5, 0.5])
torch.tensor([0.0001, 1.])
torch.tensor([0.00011, 1.])
torch.tensor([1e-8, 0., 2e-8])
torch.tensor(0.00001)
torch.tensor([0.5, 0.001])
torch.tensor([0.5, 0.0005])
torch.tensor([-3e-7, 4e-6])
torch.tensor([1e-5, 0.5], dtype=torch.float64)
torch.tensor([0.0001, 1.], dtype=torch.float64)
torch.tensor([0.0001, 0.001])
torch.tensor([0.0001, 0.001], dtype=torch.float64)
torch.tensor([1., 2., 3.])
torch.tensor([-1., 0., 100.])
torch.tensor([1000., 1.])
torch.tensor([1001., 1.])
torch.tensor([0., 0.])
torch.tensor([-0., 5.])
torch.tensor(27.)
torch.tensor([[12., -7.], [0., 1234.]])
torch.tensor([99999999.])
torch.tensor([1e8, 1.])
torch.tensor([1.0, 2.5])
torch.tensor([3., 4.], dtype=torch.float64)
torch.tensor([-1.5, 2.25, -3.125, 4.])
torch.tensor([[-0.5, 0.5], [10.25, -10.25]])
torch.tensor([-100.5, 0.001, 3.])
torch.tensor([[1, -20, 300], [-4000, 5, 0]])
torch.tensor([-1e-5, 1.])
torch.tensor([[0.1, 0.2], [0.3, 0.4]]) - 0.25
torch.tensor([-2.])
torch.tensor(-0.75)
torch.arange(2000)
torch.arange(1001) * 0.5
torch.arange(1000)
torch.ones(1001)
torch.arange(1200.)
torch.arange(5000) % 7 == 0
torch.arange(3000, dtype=torch.float64) / 4
torch.arange(40000).view(200, 200)
torch.arange(2000.).view(2, 1000) / 8
torch.ones(100, 20)
torch.arange(1100).view(1100, 1)
torch.arange(24000.).view(20, 30, 40)
torch.arange(30)
torch.arange(30.) * 1.5
torch.arange(24.).view(2, 12) / 3
torch.arange(40).view(2, 20) * 1000
torch.arange(17.)
torch.arange(100.).view(5, 20)
torch.tensor([1e-5] * 12)
torch.ones(9, dtype=torch.float64) / 3
torch.arange(12) > 5
torch.tensor(3)
torch.tensor(True)
torch.tensor(0.5)
torch.tensor(-2.)
torch.tensor(1.5, dtype=torch.float64)
torch.tensor(1e-6)
torch.tensor(123456789.)
torch.ones(2, 3).sum()
torch.tensor([[5.]]).view(())
torch.tensor(0.)
torch.tensor(-7, dtype=torch.int32)
torch.tensor([])
torch.zeros(0, 3)
torch.tensor([], dtype=torch.long)
torch.zeros(0, dtype=torch.float64)
torch.tensor([], dtype=torch.bool)
torch.ones(2, 0)
torch.zeros(3, 0, 2)
torch.arange(10)[5:2]
torch.tensor([]).sum()
torch.cat((torch.tensor([]), torch.tensor([1., 2.])))
torch.tensor([[True, False, True], [False, False, True]])
torch.ones(3) > 0
torch.zeros(2, 2, dtype=torch.bool)
torch.tensor(False)
torch.tensor([[True, False, True], [False, False, True]]).long()
torch.tensor([[True, False, True], [False, False, True]]).float()
torch.tensor([[True, False, True], [False, False, True]]).sum(0)
torch.tensor([1, -20, 300])
torch.tensor([[1, 2, 3], [-40, 50, -60]])
torch.tensor([123456789012, -1])
torch.tensor([0])
torch.arange(12).view(3, 4) - 6
torch.tensor([7], dtype=torch.int32) * 3
torch.tensor([2 ** 40, 2 ** 41])
torch.tensor(-9223372036854775807)
torch.arange(12).view(2, 2, 3)
torch.arange(8.).view(2, 2, 2) / 2
torch.ones(1, 2, 2, 2)
torch.zeros(2, 1, 1, 3)
torch.arange(6.).view(1, 1, 2, 3) - 2.5
torch.tensor([1 / 3, 2 / 3, 1.0], dtype=torch.float64)
torch.tensor([1 / 3, 2 / 3, 1.0], dtype=torch.float64) * 1e6
torch.tensor([1 / 3, 2 / 3, 1.0], dtype=torch.float64) * 1e-6
torch.tensor([[1.5, 2.0], [3.0, 4.0]], dtype=torch.float64)
torch.tensor(0.1, dtype=torch.float64) * 3
torch.arange(5, dtype=torch.float64)
torch.tensor([0.1, 0.2], dtype=torch.float64) + torch.tensor([0.2, 0.1])
torch.tensor([float('nan'), 1.5, float('inf')])
torch.tensor([float('inf'), -float('inf')])
torch.tensor([float('nan'), 2., 3.])
torch.tensor(float('nan'))
torch.tensor([1., 0.]) / torch.tensor([0., 0.])
torch.tensor([float('inf'), 1e-5])
torch.tensor([-float('inf'), 1000000.])
torch.tensor([0.12345, 0.98765])
torch.tensor([0.00015, 0.5])
torch.tensor([2.71828, 3.14159])
torch.tensor([9.99995, 1.0])
torch.tensor([0.33333, 0.66666])
torch.tensor([1.23456789], dtype=torch.float64)
torch.tensor([99.99999])
torch.tensor([1 / 3])
torch.tensor([[1., 2.], [3., 4.]])
torch.tensor([5, 6])
torch.tensor(10.)
torch.ones(2, dtype=torch.float64, requires_grad=True)
torch.ones(2, dtype=torch.float64, requires_grad=True) * 2
torch.ones(2, dtype=torch.float64, requires_grad=True).sum()
(lambda b: b * b)(torch.tensor(2, dtype=torch.float64, requires_grad=True))
nn.Parameter(torch.tensor([1., -2.]))
nn.Parameter(torch.tensor([1., -2.])) * 1
torch.zeros(8, requires_grad=True) + 0.123456
torch.arange(8.).requires_grad_() * 1.5
torch.tensor([-0.0677, 0.1954, -0.0231, -0.0069, -0.1888, -0.1287], requires_grad=True)
torch.tensor([-0.0677, 0.1954, -0.0231, -0.0069, -0.1888, -0.1287], requires_grad=True) * 2
torch.tensor([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7], dtype=torch.float64, requires_grad=True)
torch.tensor([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7], dtype=torch.float64, requires_grad=True) + 1
torch.arange(10.).view(2, 5).requires_grad_() * 1000
torch.ones(12, requires_grad=True)
torch.ones(13, requires_grad=True)
torch.ones(11, requires_grad=True) + 0
torch.ones(12, requires_grad=True) + 0
torch.ones(12, dtype=torch.float64)
torch.ones(13, dtype=torch.float64)""".split("\n"):
    case(c)

case("t = torch.ones(2000)\nt[1000] = 1e10")
case("t = torch.ones(2000)\nt[1000] = 1e10\nt = t.max()")

# Worked examples of spec/printing.md section 10 not covered above.
for c in """torch.tensor([1.5, 2.25, -3.0])
torch.tensor([0.1, 0.25, 100.5])
torch.tensor([-1.5, 100.25])
torch.tensor([100000.5])
torch.tensor([3.14159265])
torch.manual_seed(123) and None or torch.rand(5, 3)
torch.manual_seed(0) and None or torch.randn(2, 3)
torch.manual_seed(0) and None or torch.randn(4, 4)
torch.ones(2, 3)
torch.zeros(3)
torch.tensor([-0.0, 1.0])
torch.tensor([-0.0, 0.0])
torch.tensor([1., -20., 300.])
torch.tensor([1., 1000.])
torch.tensor([1., 1001.])
torch.tensor([123456789.])
torch.tensor([1e-5, 1.0])
torch.tensor([1e-4, 1.0])
torch.tensor([0.1, 1000.0])
torch.tensor([1e10])
torch.tensor([1.5e8])
torch.tensor([-1.2345e-7, 3.0, 12.0])
torch.tensor([1e-40, 1.0])
torch.tensor([float('nan'), 1.0, -float('inf')])
torch.tensor([0., float('nan')])
torch.tensor([float('nan'), 1e-6])
torch.tensor([[1, -20], [300, 4]])
torch.arange(10)
torch.tensor([True, False, True])
torch.tensor([[True], [False]])
torch.tensor([1, 2], dtype=torch.int32)
torch.tensor([1, 2], dtype=torch.uint8)
torch.tensor([1, 2], dtype=torch.int16)
torch.manual_seed(0) and None or torch.randint(0, 10, (2, 5))
torch.manual_seed(0) and None or torch.randperm(8)
torch.tensor([1.0, 2.0], dtype=torch.float64)
torch.tensor([0.5, 1.25], dtype=torch.float64)
torch.tensor([1.0, 2.5], dtype=torch.float16)
torch.manual_seed(0) and None or torch.rand(2, 2, dtype=torch.float64)
torch.tensor(3.14159)
torch.tensor(2.)
torch.tensor(5)
torch.tensor(-0.)
torch.zeros(2, 0, dtype=torch.int32)
torch.tensor([], dtype=torch.float64)
torch.tensor([], requires_grad=True)
torch.manual_seed(0) and None or torch.rand(20)
torch.arange(30.)
torch.arange(40).reshape(2, 20)
torch.manual_seed(0) and None or torch.randn(2, 12)
torch.arange(30) * 1000
torch.linspace(0, 1, 11)
torch.zeros(2, 2, 3)
torch.arange(24).reshape(2, 3, 4)
torch.arange(16.).reshape(2, 2, 2, 2)
torch.ones(1, 1, 2)
torch.arange(1001.)
torch.arange(1200).reshape(40, 30)
torch.arange(1200).reshape(30, 40)
torch.arange(2000).reshape(10, 10, 20)
torch.manual_seed(0) and None or torch.rand(100, 100)
torch.arange(1010).reshape(2, 505)
torch.ones(2, requires_grad=True)
torch.ones(2, 2, requires_grad=True) * 2
torch.ones(2, 2, requires_grad=True) + 2
(torch.ones(2, 2, requires_grad=True) * 3).mean()
(torch.ones(3, requires_grad=True) ** 2).sum()
torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
torch.manual_seed(0) and None or torch.randn(3, requires_grad=True).exp()
torch.ones(2, 2, requires_grad=True).t()
torch.ones(2, 3, requires_grad=True).view(3, 2)
torch.ones(2, requires_grad=True).detach()
torch.nn.functional.relu(torch.ones(2, requires_grad=True))
torch.sigmoid(torch.zeros(2, requires_grad=True))
torch.manual_seed(0) and None or torch.rand(8, requires_grad=True) @ torch.rand(8)
torch.arange(9.).reshape(3, 3).requires_grad_()
torch.manual_seed(0) and None or torch.rand(3, 7, requires_grad=True) * 1
torch.manual_seed(0) and None or torch.rand(3, 8, requires_grad=True) * 1
torch.manual_seed(0) and None or torch.rand(9, dtype=torch.float64, requires_grad=True) + 0
torch.manual_seed(0) and None or torch.nn.Linear(3, 2).weight
torch.manual_seed(0) and None or torch.nn.Linear(3, 2).bias
torch.from_numpy(__import__('numpy').ones(5) + 1)""".split("\n"):
    case(c)

# Scientific / fixed / integer mode boundaries.
for c in """torch.tensor([1., 1000.5])
torch.tensor([0.5, 500.])
torch.tensor([0.5, 500.5])
torch.tensor([0.5, 501.])
torch.tensor([2e-4, 0.1])
torch.tensor([1e-4], dtype=torch.float64)
torch.tensor([9.9999e-5], dtype=torch.float64)
torch.tensor([1e8 - 1, 1.])
torch.tensor([1e8, 1e8 + 8])
torch.tensor([1e8 + 8])
torch.tensor([1e8 + 0.5], dtype=torch.float64)
torch.tensor([99999999.5], dtype=torch.float64)
torch.tensor([2.5, 0.5, 1.5, -0.5, -2.5])
torch.tensor([0.5, 1.5])
torch.tensor([1e300, -1e-300], dtype=torch.float64)
torch.tensor([5e-324, 1.], dtype=torch.float64)
torch.tensor([1.7976931348623157e308], dtype=torch.float64)
torch.tensor([3.4028234663852886e38, -1.])
torch.tensor([1.4e-45, 1.])
torch.tensor([-1e-40])
torch.tensor([0.00005, 0.])
torch.tensor([float('nan'), float('nan')])
torch.tensor([-float('nan'), 1.5])
torch.tensor([float('inf')])
torch.tensor([-float('inf'), 0., -0.])
torch.tensor([-0., -0.])
torch.tensor([-0., 0.5])
torch.tensor([-0., 1e-5])
torch.tensor([float('nan'), 1e10, -0.])
torch.tensor([float('nan'), 12345.])
torch.tensor([123456789012345.])
torch.tensor([1e15, 1e16], dtype=torch.float64)
torch.tensor([0.99995, 0.99994])
torch.tensor([0.999995], dtype=torch.float64)
torch.tensor([1.00005, 2.00015], dtype=torch.float64)
torch.tensor([0.00015, 0.00025, 0.00035], dtype=torch.float64)
torch.tensor([-5.55555e-5, 5.55555e5], dtype=torch.float64)
torch.tensor([1.5e-10, 2.5e-10])
torch.tensor([1e-10, 1e10])
torch.tensor([-1e38, 1e-38])
torch.tensor(1e-45)
torch.tensor(-float('inf'))
torch.tensor(float('inf'), dtype=torch.float64)
torch.tensor(0.1, dtype=torch.float64)
torch.tensor(1e100, dtype=torch.float64)
torch.tensor(-1234.5678)
torch.tensor(1e8)
torch.tensor(100000001., dtype=torch.float64)""".split("\n"):
    case(c)

# float16 / bfloat16.
for c in """torch.tensor([0.1, 0.2, 0.3], dtype=torch.float16)
torch.tensor([65504., -65504., 1.], dtype=torch.float16)
torch.tensor([6e-8, 1.], dtype=torch.float16)
torch.tensor([float('nan'), float('inf'), 2.], dtype=torch.float16)
torch.tensor([1000., 1.], dtype=torch.float16)
torch.tensor([1001., 1.], dtype=torch.float16)
torch.tensor(3.14159, dtype=torch.float16)
torch.arange(12, dtype=torch.float16).view(3, 4) / 7
torch.tensor([0.1, 0.2, 0.3], dtype=torch.bfloat16)
torch.tensor([1e30, -1e-30], dtype=torch.bfloat16)
torch.tensor([3.0, 257., -1.], dtype=torch.bfloat16)
torch.tensor(2.5, dtype=torch.bfloat16)
torch.tensor([], dtype=torch.float16)
torch.tensor([], dtype=torch.bfloat16).view(0, 2)
torch.ones(2, 2, dtype=torch.float16, requires_grad=True)
torch.arange(2000, dtype=torch.bfloat16)
torch.zeros(3, dtype=torch.bfloat16)""".split("\n"):
    case(c)

# Integer dtypes and extremes.
for c in """torch.tensor([-128, 127, 0], dtype=torch.int8)
torch.tensor([0, 255, 7], dtype=torch.uint8)
torch.tensor([-32768, 32767], dtype=torch.int16)
torch.tensor([-2147483648, 2147483647], dtype=torch.int32)
torch.tensor([-9223372036854775808, 9223372036854775807])
torch.tensor(255, dtype=torch.uint8)
torch.tensor([[1, 2], [3, 4]], dtype=torch.int8)
torch.arange(1500, dtype=torch.int32)
torch.arange(1500, dtype=torch.int16).view(30, 50)
torch.arange(256, dtype=torch.uint8)
torch.zeros(3, 4, dtype=torch.int64)
torch.tensor([[-1]])
torch.tensor([], dtype=torch.int8).view(2, 0, 3)
torch.arange(-5, 5)
torch.tensor([10 ** 17, -5])""".split("\n"):
    case(c)

# Bools.
for c in """torch.tensor([True])
torch.tensor([False, False])
torch.arange(40).view(4, 10) % 3 == 0
torch.arange(1200).view(3, 400) % 2 == 0
torch.ones(2, 2, 2, dtype=torch.bool)
torch.arange(30) < 15""".split("\n"):
    case(c)

# Views: strides, offsets, expand.
for c in """torch.arange(12.).view(3, 4).t()
torch.arange(24).view(2, 3, 4).permute(2, 0, 1)
torch.arange(20.)[::3]
torch.arange(20.)[5:9]
torch.arange(30).view(5, 6)[1:4, 2:5]
torch.arange(3.).expand(4, 3)
torch.tensor([[1.5], [2.5]]).expand(2, 4)
torch.arange(2400.).view(40, 60).t()
torch.arange(5000)[1000:3000:2]
torch.arange(12.).view(3, 4)[:, 1]
torch.arange(12.).view(3, 4)[2]
torch.arange(12.).view(3, 4)[1, 2]
torch.arange(10.).flip(0)
torch.arange(6.).view(2, 3).t().contiguous()
torch.tensor([0.25, 1e-6, 3.]).expand(400, 3)""".split("\n"):
    case(c)

# Deterministic random tensors at many scales, shapes and dtypes.
gen_shapes = [(7,), (3, 5), (2, 3, 4), (2, 2, 2, 3), (13,), (4, 11), (1, 9)]
gen_scales = [1e-7, 1e-4, 0.01, 1.0, 100.0, 1e4, 1e7, 1e9]
k = 0
for scale in gen_scales:
    for shape in gen_shapes[:4]:
        k += 1
        case(f"torch.manual_seed({k}) and None or torch.randn{shape} * {scale}")
for dt in ["float64", "float16", "bfloat16"]:
    for shape in gen_shapes[3:]:
        k += 1
        case(f"torch.manual_seed({k}) and None or "
             f"(torch.randn{shape} * 3).to(torch.{dt})")
for dt in ["int64", "int32", "int16", "int8", "uint8"]:
    for shape in gen_shapes[:3] + gen_shapes[4:6]:
        k += 1
        case(f"torch.manual_seed({k}) and None or "
             f"torch.randint(0 if '{dt}' == 'uint8' else -100, 100, {shape}, dtype=torch.{dt})")
for shape in gen_shapes:
    k += 1
    case(f"torch.manual_seed({k}) and None or torch.randint(-50, 50, {shape}).float()")
    k += 1
    case(f"torch.manual_seed({k}) and None or torch.randint(-50000, 50000, {shape}).double()")

# Wrapping and widths.
for c in """torch.arange(26.) / 4 - 3
torch.arange(100).view(2, 50) * 37
torch.arange(60.).view(3, 20) * 1e6
torch.arange(81.).view(3, 3, 9) / 10
torch.full((30,), -1234.5)
torch.full((2, 14), 1e-3)
torch.arange(20) * 10 ** 12
torch.ones(1, 1, 1, 1, 20)""".split("\n"):
    case(c)

# Summarization in more shapes.
for c in """torch.arange(1001.).view(1001)
torch.arange(2002).view(2, 1001)
torch.arange(1008.).view(7, 144) / 3
torch.arange(7000).view(7, 10, 100)
torch.arange(4096.).view(4, 4, 16, 16)
torch.arange(16384).view(8, 8, 16, 16)
torch.arange(1001).view(1001, 1, 1)
(torch.arange(3000.) - 1500) / 7
torch.manual_seed(5) and None or torch.randn(50, 50) * 100""".split("\n"):
    case(c)
case("t = torch.arange(2000.)\nt[3] = 1e-20\nt[1990] = float('nan')")
case("t = torch.zeros(1500)\nt[1] = float('inf')\nt[-1] = 2.5")

# Suffixes: grad_fn, requires_grad, Parameter, dtype wrapping.
for c in """torch.ones(2, 3, requires_grad=True) - 1
1 - torch.ones(2, 3, requires_grad=True)
torch.ones(2, 3, requires_grad=True).exp()
torch.ones(2, 3, requires_grad=True).sum(0)
torch.ones(2, 3, requires_grad=True).mean(1)
torch.ones(2, 3, requires_grad=True).max()
torch.ones(2, 3, requires_grad=True).reshape(6)
torch.ones(2, 3, requires_grad=True)[0]
torch.ones(2, 3, requires_grad=True).T
torch.ones(2, 3, requires_grad=True).unsqueeze(0)
torch.ones(2, 3, requires_grad=True).clone()
torch.ones(2, 3, requires_grad=True).double()
F.softmax(torch.ones(2, 3, requires_grad=True), dim=1)
F.log_softmax(torch.ones(2, 3, requires_grad=True), dim=1)
F.mse_loss(torch.ones(3, requires_grad=True), torch.zeros(3))
torch.manual_seed(0) and None or nn.Linear(4, 3)(torch.ones(2, 4))
torch.ones(7, requires_grad=True) * 1.123
torch.ones(8, dtype=torch.float64, requires_grad=True) * 1.123
torch.ones(6, dtype=torch.float64, requires_grad=True) * 1.123
torch.ones(6, dtype=torch.float16, requires_grad=True) * 1.123
torch.ones(2, 7, dtype=torch.float64, requires_grad=True) * 1.123
torch.manual_seed(0) and None or nn.Parameter(torch.randn(3, 7))
torch.manual_seed(0) and None or nn.Parameter(torch.randn(9, dtype=torch.float64))
nn.Parameter(torch.zeros(0, 4))
nn.Parameter(torch.ones(1010))
torch.zeros(0, 3, requires_grad=True)
torch.zeros(0, 3, dtype=torch.float64, requires_grad=True)
torch.ones(2000, requires_grad=True) * 2
torch.tensor(3., requires_grad=True)
torch.tensor(3., dtype=torch.float64, requires_grad=True) * 2
torch.zeros(10, 10, dtype=torch.float64)[:0]
torch.ones(1, 1, 11, dtype=torch.int32)
torch.ones(14, dtype=torch.int8)
torch.ones(15, dtype=torch.int8)
torch.ones(22, dtype=torch.int16)
torch.ones(23, dtype=torch.int16)""".split("\n"):
    case(c)

# Print options.
opt_cases = [
    ("torch.tensor([1.12345, 2.0])", dict(precision=2)),
    ("torch.tensor([1.12345, 2.0])", dict(precision=0)),
    ("torch.tensor([1.5, 2.5, -0.5])", dict(precision=0)),
    ("torch.tensor([1e-5, 1.0])", dict(precision=2)),
    ("torch.tensor([3.14159265, 2.71828182], dtype=torch.float64)", dict(precision=10)),
    ("torch.tensor([1., 2.])", dict(precision=8)),
    ("torch.tensor([1e-5, 1.0])", dict(sci_mode=False)),
    ("torch.tensor([1e-5, 1.0])", dict(sci_mode=True)),
    ("torch.tensor([1.5, 2.5])", dict(sci_mode=True)),
    ("torch.tensor([1., 2.])", dict(sci_mode=True)),
    ("torch.tensor([0., 0.])", dict(sci_mode=True)),
    ("torch.tensor([1e10, 1.])", dict(sci_mode=False)),
    ("torch.tensor([1.5e10, 1.])", dict(sci_mode=False)),
    ("torch.tensor([1, 2])", dict(sci_mode=True)),
    ("torch.tensor(1e-6)", dict(sci_mode=False)),
    ("torch.tensor([float('nan'), 1e-6, 1.])", dict(sci_mode=False)),
    ("torch.arange(10)", dict(threshold=5)),
    ("torch.arange(10.)", dict(threshold=5)),
    ("torch.arange(6)", dict(threshold=5)),
    ("torch.arange(7)", dict(threshold=5)),
    ("torch.arange(60).view(6, 10)", dict(threshold=5)),
    ("torch.arange(2000)", dict(threshold=2000)),
    ("torch.arange(2000).view(40, 50)", dict(threshold=float('inf'))),
    ("torch.arange(10)", dict(threshold=5, edgeitems=1)),
    ("torch.arange(100).view(10, 10)", dict(threshold=5, edgeitems=1)),
    ("torch.arange(100).view(10, 10)", dict(threshold=5, edgeitems=4)),
    ("torch.arange(100).view(10, 10)", dict(threshold=5, edgeitems=5)),
    ("torch.arange(2000)", dict(edgeitems=0)),
    ("torch.arange(2000)", dict(edgeitems=-2)),
    ("torch.arange(20.) / 3", dict(linewidth=40)),
    ("torch.arange(20.).view(2, 10) / 3", dict(linewidth=40)),
    ("torch.arange(20.).view(2, 10) / 3", dict(linewidth=120)),
    ("torch.arange(8.) / 3", dict(linewidth=10)),
    ("torch.arange(8.) / 3", dict(linewidth=0)),
    ("torch.ones(3, requires_grad=True) * 1.5", dict(linewidth=30)),
    ("torch.ones(3, dtype=torch.float64, requires_grad=True) * 1.5", dict(linewidth=40)),
    ("torch.arange(2000.) / 7", dict(profile='short')),
    ("torch.arange(100).view(10, 10)", dict(profile='short', threshold=10)),
    ("torch.arange(1500)", dict(profile='full')),
    ("torch.arange(2000.).view(2, 1000) * 0.5", dict(precision=1, linewidth=100)),
    ("torch.tensor([1.123456789])", dict(precision=6, sci_mode=True)),
    ("torch.tensor([123.456])", dict(precision=3, sci_mode=True)),
    ("torch.tensor([1e-3, 1e3, 10.5])", dict(precision=3, linewidth=25)),
    ("torch.tensor([1., 2.])", dict(default_dtype=torch.float64)),
    ("torch.tensor([1., 2.], dtype=torch.float32)", dict(default_dtype=torch.float64)),
    ("torch.tensor([], dtype=torch.float32)", dict(default_dtype=torch.float64)),
    ("torch.tensor([])", dict(default_dtype=torch.float64)),
    ("torch.tensor([1, 2])", dict(default_dtype=torch.float64)),
    ("torch.ones(2, dtype=torch.float16)", dict(default_dtype=torch.float64)),
]
for c, o in opt_cases:
    case(c, **o)


# ---------------------------------------------------------------- machinery

def make(code):
    env = {"torch": torch, "nn": nn, "F": F, "math": math}
    torch.manual_seed(0)
    if "\n" in code:
        exec(code, env)
        return env["t"]
    return eval(code, env)


def spans(t, summarize, e):
    """Per dimension, the shown indices (PyTorch's _tensor_str rules)."""
    out = []
    for d, n in enumerate(t.shape):
        if not summarize or n <= 2 * e:
            out.append(list(range(n)))
        elif d == t.dim() - 1:
            r = list(range(n))
            out.append(r[:e] + r[-e:] if e != 0 else r)
        else:
            out.append(list(range(0, e)) + list(range(n - e, n)))
    return out


def shown_storage_indices(t, threshold=None, edgeitems=None):
    from itertools import product
    opts = torch._tensor_str.PRINT_OPTS
    threshold = opts.threshold if threshold is None else threshold
    edgeitems = opts.edgeitems if edgeitems is None else edgeitems
    summarize = t.numel() > threshold
    idx = set()
    if t.numel() == 0:
        return []
    for multi in product(*spans(t, summarize, edgeitems)):
        idx.add(t.storage_offset() + sum(i * s for i, s in zip(multi, t.stride())))
    return sorted(idx)


def storage_values(t):
    """The whole storage of t as a 1-d tensor of its dtype."""
    base = torch.empty(0, dtype=t.dtype)
    base.set_(t.storage(), 0, (t.storage().size(),), (1,))
    return base


def poisoned(t, idx):
    """A copy of t's geometry over a fresh storage where only idx hold t's values."""
    src = storage_values(t)
    p = torch.full((src.numel(),), poison_of(t.dtype), dtype=t.dtype)
    if idx:
        ii = torch.tensor(idx, dtype=torch.long)
        p[ii] = src[ii]
    return p.as_strided(t.shape, t.stride(), t.storage_offset())


def poison_of(dtype):
    if dtype == torch.bool:
        return 1
    if dtype.is_floating_point:
        return 60000. if dtype == torch.float16 else FLOAT_POISON
    return INT_POISON[dtype]


def c_str(s):
    out = []
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def c_double(v):
    if math.isnan(v):
        return "-NAN" if math.copysign(1, v) < 0 else "NAN"
    if math.isinf(v):
        return "INFINITY" if v > 0 else "-INFINITY"
    return v.hex()


def c_int(v):
    return "INT64_MIN" if v == -2 ** 63 else f"{v}LL"


def apply_opts(opts):
    o = {k: v for k, v in opts.items() if k != "default_dtype"}
    torch.set_printoptions(**o)
    torch.set_default_dtype(opts.get("default_dtype", torch.float32))


def reset_opts():
    torch.set_printoptions(profile="default")
    torch.set_default_dtype(torch.float32)


def current_opts():
    p = torch._tensor_str.PRINT_OPTS
    thr = "INFINITY" if p.threshold == float("inf") else repr(float(p.threshold))
    sci = -1 if p.sci_mode is None else int(p.sci_mode)
    return f"{{{p.precision}, {thr}, {p.edgeitems}, {p.linewidth}, {sci}}}"


def emit_geometry(name, code, t, idx, lines):
    """Static arrays for the shown values of t; returns the Geometry initializer."""
    src = storage_values(t)
    fl = t.dtype in (torch.float32, torch.float64)
    if t.dtype in (torch.float16, torch.bfloat16):
        vals = [int(v) & 0xffff for v in src.view(torch.int16)[idx].tolist()] if idx else []
    elif fl:
        vals = src[idx].tolist() if idx else []
    else:
        vals = [int(v) for v in src[idx].tolist()] if idx else []
    pz = poison_of(t.dtype)
    if t.dtype in (torch.float16, torch.bfloat16):
        pz = int(torch.tensor([pz], dtype=t.dtype).view(torch.int16)[0]) & 0xffff
    if idx:
        lines.append(f"static const int64_t {name}_idx[] = {{{', '.join(map(str, idx))}}};")
        if fl:
            lines.append(f"static const double {name}_val[] = {{{', '.join(map(c_double, vals))}}};")
        else:
            lines.append(f"static const int64_t {name}_val[] = {{{', '.join(map(c_int, vals))}}};")
    shape = ", ".join(map(str, t.shape)) or "0"
    stride = ", ".join(map(str, t.stride())) or "0"
    fv = f"{name}_val" if idx and fl else "NULL"
    iv = f"{name}_val" if idx and not fl else "NULL"
    ix = f"{name}_idx" if idx else "NULL"
    pf = c_double(float(pz)) if fl else "0"
    pi = "0" if fl else c_int(int(pz))
    return (f"{{{c_str(code)}, {DTYPES[t.dtype]}, {t.dim()}, {{{shape}}}, {{{stride}}}, "
            f"{t.storage_offset()}, {src.numel()}, {len(idx)}, {ix}, {fv}, {iv}, {pf}, {pi}}}")


def emit_case(n, code, opts, lines, rows):
    apply_opts(opts)
    try:
        t = make(code)
        expected = repr(t)
        d = t.detach()
        idx = shown_storage_indices(d)
        # The poisoned copy carries no autograd suffix: compare with t.detach().
        check = repr(poisoned(d, idx))
        if check != repr(d):
            sys.exit(f"poison changed the text of {code!r}:\n{check}\n{repr(d)}")
        opts_c = current_opts()
        default_f64 = int(torch.get_default_dtype() == torch.float64)
    finally:
        reset_opts()

    geo = emit_geometry(f"c{n}", code, t.detach(), idx, lines)
    gf = None if t.grad_fn is None else type(t.grad_fn).__name__
    rg = int(t.requires_grad and t.grad_fn is None)
    prefix = "Parameter containing:\n" if isinstance(t, nn.Parameter) else None
    rows.append(
        f"    {{{geo},\n"
        f"     {'NULL' if prefix is None else c_str(prefix)}, "
        f"{'NULL' if gf is None else c_str(gf)}, {rg}, {opts_c}, {default_f64},\n"
        f"     {c_str(expected)}}},")


# torch.set_printoptions call sequences and the options after each call.
SETOPT_CALLS = [
    dict(precision=2),
    dict(threshold=5),
    dict(sci_mode=True),
    dict(edgeitems=1, linewidth=100),
    dict(),
    dict(profile="short"),
    dict(profile="full", sci_mode=False),
    dict(profile="default", precision=6),
    dict(profile="nonsense"),
    dict(profile="short", edgeitems=5, threshold=20.5),
    dict(profile="default"),
]


def emit_setopts(lines):
    reset_opts()
    rows = []
    for call in SETOPT_CALLS:
        torch.set_printoptions(**call)
        mask = []
        vals = {"precision": 0, "threshold": "0.0", "edgeitems": 0, "linewidth": 0}
        for k, bit in [("precision", "PRINT_OPT_PRECISION"), ("threshold", "PRINT_OPT_THRESHOLD"),
                       ("edgeitems", "PRINT_OPT_EDGEITEMS"), ("linewidth", "PRINT_OPT_LINEWIDTH")]:
            if k in call:
                mask.append(bit)
                vals[k] = repr(float(call[k])) if k == "threshold" else call[k]
        sci = -1 if call.get("sci_mode") is None else int(call["sci_mode"])
        prof = c_str(call["profile"]) if "profile" in call else "NULL"
        rows.append(f"    {{{prof}, {' | '.join(mask) or '0'}, "
                    f"{{{vals['precision']}, {vals['threshold']}, {vals['edgeitems']}, "
                    f"{vals['linewidth']}, -1}}, {sci}, {current_opts()}}},")
    reset_opts()
    lines.append("static const SetOptCase setopt_cases[] = {")
    lines.extend(rows)
    lines.append("};")


# ---------------------------------------------------------------- NumPy
# (code) -> an ndarray; str() and repr() are both checked. Scalars separately.
NP_CASES = """np.ones(5)
np.ones(5) + 1
torch.ones(5).numpy()
torch.ones(5).add_(1).numpy()
np.array([1.5, 2.25, -3.0])
np.array([0.1, 0.123456789])
torch.manual_seed(0) and None or torch.rand(3).numpy()
np.arange(5)
torch.arange(4).numpy()
np.ones((2, 2), dtype=np.float32)
np.array([-1.0, 0.5, 100.0])
np.linspace(0, 1, 11)
np.array([1e-5, 1.0])
np.array([1.0, np.nan, np.inf], dtype=np.float32)
np.arange(20.0).reshape(4, 5)
np.arange(2000)
np.array([True, False])
np.array([0., 1e-5, 1.5])
np.array([0., 1e-5, -np.inf, np.nan])
np.array([1e100, 1.])
np.array([2 ** -9, 1.0])
np.array([3 * 2 ** -9, 1.0])
np.array([1e8, 1.5], dtype=np.float32)
np.array([0.1, 0.2], dtype=np.float16)
np.array([0.5, 0.25], dtype=np.float32)
np.arange(3000.).reshape(3, 1000)
np.array(1.5)
np.array(1.5, dtype=np.float32)
np.array(True)
np.array(3)
np.array(3, dtype=np.int32)
np.array(1e-7)
np.array(np.nan)
np.zeros((0, 3), dtype=np.float32)
np.zeros((2, 0), dtype=np.int64)
np.zeros((0,), dtype=bool)
np.zeros(0)
np.zeros((3, 0, 2))
np.zeros(3)
np.array([-0., 0.])
np.array([np.nan, np.nan])
np.array([-np.inf])
np.array([np.inf, 1.5])
np.array([-np.inf, 1e-7])
np.array([81705008., 1.])
np.array([123456789., 1.])
np.array([0.0001, 0.001])
np.array([0.00009999, 1.])
np.array([1., 1000.])
np.array([1., 1000.1])
np.array([1234.5678, -0.25, 3.])
np.array([1e16, -3.])
np.array([1.5e-300, 2.])
np.arange(12).reshape(3, 4) - 6
np.arange(24).reshape(2, 3, 4)
np.arange(16.).reshape(2, 2, 2, 2) / 3
np.arange(40, dtype=np.int8).reshape(2, 20)
np.arange(100, dtype=np.uint8)
np.array([-128, 127], dtype=np.int8)
np.array([2 ** 62, -2 ** 62])
np.arange(30.) * 1.5
np.arange(30) * 1000
np.arange(26.) / 7
np.arange(24.).reshape(2, 12) / 3
np.arange(2000.).reshape(2, 1000) / 8
np.arange(40000).reshape(200, 200)
np.arange(24000.).reshape(20, 30, 40)
np.ones((100, 20), dtype=np.float32)
np.arange(1100).reshape(1100, 1)
np.arange(5000) % 7 == 0
np.arange(12) > 5
np.array([[True], [False]])
np.ones((2, 2, 2), dtype=bool)
np.arange(12.).reshape(3, 4).T
np.arange(13, dtype=np.float32) / 3
np.arange(11, dtype=np.float32) / 3
np.arange(8, dtype=np.float32) * 1e-6
np.arange(20, dtype=np.int32)
np.arange(9, dtype=np.int16) * 1000
np.arange(7, dtype=np.float64) * 1e10
np.full(6, 0.1, dtype=np.float32)
np.full((3, 3), -7.125)
np.array([46816., 512.5, -1267., 30704.], dtype=np.float16)
np.array([99999992., 5e5], dtype=np.float32)
np.array([98765432., 1.], dtype=np.float32)
np.array([-np.inf, 46816.], dtype=np.float16)""".split("\n")

gen_np = []
for k, dt in enumerate(["float32", "float64", "float16"]):
    for j, scale in enumerate([1e-6, 1e-3, 1.0, 37.0, 1e5, 3e8]):
        for shape in [(6,), (3, 4), (2, 2, 5), (15,)]:
            gen_np.append(f"np.random.RandomState({k * 100 + j}).standard_normal({shape})"
                          f".astype(np.{dt}) * np.{dt}({scale})")
for dt in ["int64", "int32", "uint8", "int8"]:
    for shape in [(7,), (3, 5), (2, 3, 4)]:
        lo = 0 if dt == "uint8" else -100
        gen_np.append(f"np.random.RandomState(7).randint({lo}, 100, {shape}).astype(np.{dt})")
NP_CASES += gen_np

NP_SCALARS = [
    ("float64", 0.1), ("float64", 1.0), ("float64", 1e-5), ("float64", 1e16), ("float64", 1e15),
    ("float64", 123456789.125), ("float64", -0.0), ("float64", 1.5e-7), ("float64", 2.5e300),
    ("float64", 0.0001), ("float64", 0.00009999), ("float64", float("nan")),
    ("float64", float("inf")), ("float64", -float("inf")), ("float64", 1 / 3),
    ("float32", 0.1), ("float32", 1e16), ("float32", 123456790.0), ("float32", 1e-5),
    ("float32", 0.4962566), ("float32", 3.4028234663852886e38), ("float32", -2.5),
    ("float32", 1.401298464324817e-45), ("float32", 16777217.0), ("float32", 1 / 3),
    ("float16", 0.1), ("float16", 65504.0), ("float16", 1e-7), ("float16", -1.5),
    ("float16", 46816.0), ("float32", 98765432.0), ("float32", 99999992.0),
]
_rs = __import__("random").Random(2024)
for _ in range(120):
    _v = _rs.uniform(1, 10) * 10 ** _rs.randint(-12, 20) * _rs.choice([1, -1])
    NP_SCALARS.append((_rs.choice(["float32", "float64"]), _v))


def make_np(code):
    import numpy as np
    env = {"torch": torch, "np": np}
    torch.manual_seed(0)
    with np.errstate(all="ignore"):      # float16 overflow to inf is wanted
        return eval(code, env)


def emit_np_case(n, code, lines, rows):
    a = make_np(code)
    if not (a.flags.c_contiguous or a.flags.f_contiguous):
        sys.exit(f"numpy case must be contiguous: {code!r}")
    t = torch.from_numpy(a)
    idx = shown_storage_indices(t, threshold=1000, edgeitems=3)
    p = poisoned(t, idx).numpy()
    if str(p) != str(a) or repr(p) != repr(a):
        sys.exit(f"poison changed the text of {code!r}:\n{p!r}\n{a!r}")
    geo = emit_geometry(f"n{n}", code, t, idx, lines)
    rows.append(f"    {{{geo},\n     {c_str(str(a))},\n     {c_str(repr(a))}}},")


def emit_np(lines):
    import numpy as np
    rows = []
    for n, code in enumerate(NP_CASES):
        emit_np_case(n, code, lines, rows)
    lines.append("static const NumpyCase numpy_cases[] = {")
    lines.extend(rows)
    lines.append("};")
    lines.append("static const NumpyScalarCase numpy_scalars[] = {")
    for dt, v in NP_SCALARS:
        x = getattr(np, dt)(v)
        lines.append(f"    {{{c_double(float(x))}, DT_F{dt[5:]}, {c_str(str(x))}, {c_str(repr(x))}}},")
    lines.append("};")


def main():
    lines = ["// Generated by tests/unit/gen_print_cases.py from PyTorch "
             f"{torch.__version__}; do not edit.",
             "// Each expected string is repr() of the tensor built by the code shown.",
             "#include <math.h>", "#include <stdint.h>", ""]
    rows = []
    for n, (code, opts) in enumerate(CASES):
        emit_case(n, code, opts, lines, rows)
    lines.append("")
    lines.append("static const PrintCase print_cases[] = {")
    lines.extend(rows)
    lines.append("};")
    lines.append("")
    emit_setopts(lines)
    lines.append("")
    emit_np(lines)
    with open(OUT, "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"{len(CASES)} torch cases, {len(NP_CASES)} numpy arrays, "
          f"{len(NP_SCALARS)} numpy scalars -> {OUT}")


if __name__ == "__main__":
    main()
