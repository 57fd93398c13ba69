// NumPy 1.24 array and scalar printing with NumPy's default options
// (precision 8, threshold 1000, edgeitems 3, linewidth 75, floatmode
// 'maxprec'), for arrays held in a Tensor (t.numpy(), np.ones(...)). Rules:
// shared/spec/printing.md section 9b; NumPy's own code is numpy/core/arrayprint.py.
#ifndef TL_TENSOR_PRINT_NUMPY_H
#define TL_TENSOR_PRINT_NUMPY_H

#include <stdint.h>

#include "tensor/tensor.h"

// str(a) / print(a): "[1. 2.]", "[[1 2]\n [3 4]]"; a 0-d array prints as its
// scalar ("1.5"). New malloc'd string; [a] must be in host memory.
char *tensor_numpy_str(const Tensor *a);

// repr(a), the REPL echo: "array([1., 2.], dtype=float32)",
// "array([], shape=(0, 3), dtype=float64)". New malloc'd string.
char *tensor_numpy_repr(const Tensor *a);

// str() == repr() of a NumPy floating scalar of dtype [dt] (float16/32/64):
// the shortest digits that read back in that precision, positional for
// 1e-4 <= |v| < 1e16 ("0.1", "2.0"), else "1e-05" style. New malloc'd string.
char *tensor_numpy_float_scalar_str(double v, DType dt);

#endif
