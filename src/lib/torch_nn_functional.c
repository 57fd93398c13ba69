// The native half of torch.nn.functional: the functions PyTorch implements
// in C++ (conv2d, linear, max_pool2d_with_indices, avg_pool2d, gelu) and the
// private helpers (_max_pool2d, _softmax, _mse_loss, _nll_loss, _bce,
// _batch_norm, _embedding, _warn ...) that its tl half,
// src/lib/nn_functional.tl, calls where PyTorch's functional.py calls into
// torch._C._nn. Also the torch.* and Tensor forms
// of softmax, log_softmax, conv2d and max_pool2d (lib_nn_torch_fns,
// lib_nn_tensor_methods).
#include <stdio.h>
#include <string.h>

#include "autograd/nn_functions.h"
#include "lib/tensor_internal.h"
#include "lib/torch_nn.h"
#include "tensor/iter.h"
#include "tensor/reduce.h"
#include "vm/modules.h"

// ---------------------------------------------------------------- conv2d

// stride/padding/dilation: an int or a list of 1 or 2 ints.
static int pair_arg(Value v, const char *fname, const char *what, int64_t def, int64_t out[2]) {
    if (IS_UNDEF(v)) {
        out[0] = out[1] = def;
        return 0;
    }
    int64_t vals[TENSOR_MAX_DIMS];
    int n;
    if (lib_arg_int_list(v, fname, what, &n, vals, TENSOR_MAX_DIMS) < 0) return -1;
    if (n == 1) vals[1] = vals[0];
    else if (n != 2) {
        char s[96];
        return tl_raise_int(ERR_RUNTIME, "expected %s to be a single integer value or a list of 2 values "
                            "to match the convolution dimensions, but got %s=%s", what, what,
                            tensor_shape_fmt(s, sizeof s, n, vals));
    }
    out[0] = vals[0], out[1] = vals[1];
    return 0;
}

// padding='valid' / 'same' (symmetric only; stride 1, as PyTorch requires).
static int padding_string(const char *s, const Tensor *w, Conv2dArgs *a) {
    if (strcmp(s, "valid") == 0) {
        a->padding[0] = a->padding[1] = 0;
        return 0;
    }
    if (strcmp(s, "same") != 0) return tl_raise_int(ERR_RUNTIME, "Invalid padding string: '%s'", s);
    if (a->stride[0] != 1 || a->stride[1] != 1)
        return tl_raise_int(ERR_RUNTIME, "padding='same' is not supported for strided convolutions");
    for (int i = 0; i < 2; i++) {
        int64_t total = w->ndim == 4 ? a->dilation[i] * (w->shape[2 + i] - 1) : 0;
        if (total % 2)
            return tl_raise_int(ERR_NOT_IMPLEMENTED, "padding='same' with an even kernel (asymmetric "
                                "padding) is not supported by tl");
        a->padding[i] = total / 2;
    }
    return 0;
}

// The batched forward, with PyTorch's unbatched (C, H, W) convenience:
// unsqueeze(0), convolve, squeeze(0) (SqueezeBackward1).
static Tensor *conv2d(const Tensor *x, const Tensor *w, const Tensor *b, const Conv2dArgs *a) {
    if (x->ndim == 4) return ag_conv2d(x, w, b, a);
    if (x->ndim != 3) {
        char s[96];
        return tl_raise(ERR_RUNTIME, "Expected 3D (unbatched) or 4D (batched) input to conv2d, but got "
                        "input of size: %s", tensor_shape_fmt(s, sizeof s, x->ndim, x->shape));
    }
    Tensor *xb = lib_op_unsqueeze(x, 0);
    Tensor *y = xb ? ag_conv2d(xb, w, b, a) : NULL;
    Tensor *r = y ? lib_op_squeeze_dim(y, 0) : NULL;
    tensor_release(xb), tensor_release(y);
    return r;
}

static Value f_conv2d(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"input", "weight", "bias", "stride", "padding", "dilation", "groups"};
    Value v[7];
    Tensor *x, *w, *b = NULL;
    Conv2dArgs a = {{1, 1}, {0, 0}, {1, 1}, 1};
    if (LIB_BIND("conv2d", nargs, args, kw, names, 7, v) < 0) return VAL_ERROR;
    if (IS_UNDEF(v[0]) || IS_UNDEF(v[1]))
        return exc_raise(exc_TypeError, "conv2d() missing required argument '%s'", IS_UNDEF(v[0]) ? "input" : "weight");
    if (lib_arg_tensor(v[0], "conv2d", "input", 1, &x) < 0 || lib_arg_tensor(v[1], "conv2d", "weight", 2, &w) < 0)
        return VAL_ERROR;
    if (!IS_UNDEF(v[2]) && !IS_NONE(v[2]) && lib_arg_tensor(v[2], "conv2d", "bias", 3, &b) < 0) return VAL_ERROR;
    if (pair_arg(v[3], "conv2d", "stride", 1, a.stride) < 0 || pair_arg(v[5], "conv2d", "dilation", 1, a.dilation) < 0)
        return VAL_ERROR;
    if (!IS_UNDEF(v[6]) && lib_arg_int(v[6], "conv2d", "groups", &a.groups) < 0) return VAL_ERROR;
    if (val_is_str(v[4])) {
        if (padding_string(val_cstr(v[4]), w, &a) < 0) return VAL_ERROR;
    } else if (pair_arg(v[4], "conv2d", "padding", 0, a.padding) < 0) {
        return VAL_ERROR;
    }
    return lib_tensor_wrap(conv2d(x, w, b, &a));
}

// ---------------------------------------------------------------- max_pool2d

// kernel_size / stride / padding / dilation as max_pool2d checks them;
// [omitted] is set for a stride left out (None, (), or not given).
static int pool_arg(Value v, int which, int64_t def, int64_t out[2], bool *omitted) {
    static const char *const names[] = {"kernel_size", "stride", "padding", "dilation"};
    static const char *const msgs[] = {
        "max_pool2d: kernel_size must either be a single int, or a tuple of two ints",
        "max_pool2d: stride must either be omitted, a single int, or a tuple of two ints",
        "max_pool2d: padding must either be a single int, or a tuple of two ints",
        "max_pool2d: dilation must be either a single int, or a tuple of two ints",
    };
    int64_t vals[TENSOR_MAX_DIMS];
    int n = 0;
    out[0] = out[1] = def;
    if (omitted) *omitted = false;
    if (IS_UNDEF(v) || (which == 1 && IS_NONE(v))) {
        if (omitted) *omitted = true;
        return 0;
    }
    if (lib_arg_int_list(v, "max_pool2d", names[which], &n, vals, TENSOR_MAX_DIMS) < 0) return -1;
    if (n == 0 && which == 1) {
        *omitted = true;
        return 0;
    }
    if (n != 1 && n != 2) return tl_raise_int(ERR_RUNTIME, "%s", msgs[which]);
    out[0] = vals[0];
    out[1] = n == 2 ? vals[1] : vals[0];
    return 0;
}

static int pool_args(int nargs, Value *args, const KwArgs *kw, const char *fname, Tensor **x, Pool2dArgs *a) {
    static const char *const names[] = {"input", "kernel_size", "stride", "padding", "dilation", "ceil_mode"};
    Value v[6];
    bool no_stride;
    if (LIB_BIND(fname, nargs, args, kw, names, 6, v) < 0) return -1;
    if (IS_UNDEF(v[0]) || IS_UNDEF(v[1]))
        return tl_raise_int(ERR_TYPE, "%s() missing required argument '%s'", fname,
                            IS_UNDEF(v[0]) ? "input" : "kernel_size");
    if (lib_arg_tensor(v[0], fname, "input", 1, x) < 0 || pool_arg(v[1], 0, 0, a->kernel, NULL) < 0 ||
        pool_arg(v[2], 1, 0, a->stride, &no_stride) < 0 || pool_arg(v[3], 2, 0, a->padding, NULL) < 0 ||
        pool_arg(v[4], 3, 1, a->dilation, NULL) < 0)
        return -1;
    if (no_stride) a->stride[0] = a->kernel[0], a->stride[1] = a->kernel[1];
    a->ceil_mode = false;
    if (!IS_UNDEF(v[5]) && lib_arg_bool(v[5], fname, "ceil_mode", &a->ceil_mode) < 0) return -1;
    return 0;
}

static Value f_max_pool2d(int nargs, Value *args, const KwArgs *kw) {
    Tensor *x, *val, *idx;
    Pool2dArgs a;
    if (pool_args(nargs, args, kw, "max_pool2d", &x, &a) < 0 || ag_max_pool2d(x, &a, &val, &idx) < 0)
        return VAL_ERROR;
    tensor_release(idx);
    return lib_tensor_wrap(val);
}

static Value f_max_pool2d_with_indices(int nargs, Value *args, const KwArgs *kw) {
    Tensor *x, *outs[2];
    Pool2dArgs a;
    if (pool_args(nargs, args, kw, "max_pool2d_with_indices", &x, &a) < 0 ||
        ag_max_pool2d(x, &a, &outs[0], &outs[1]) < 0)
        return VAL_ERROR;
    return lib_tuple_of_tensors(outs, 2);
}

// ---------------------------------------------------------------- linear

// PyTorch 1.13's at::linear: addmm for 2-d input with a bias, addmm on the
// flattened batch for contiguous 3-d input, else matmul then the bias.
static Tensor *linear(const Tensor *x, const Tensor *w, const Tensor *b) {
    Tensor *wt = lib_op_t(w), *r = NULL;
    if (!wt) return NULL;
    if (b && x->ndim == 2) {
        r = lib_op_addmm(b, x, wt, 1, 1);
    } else if (b && x->ndim == 3 && tensor_is_contiguous(x)) {
        int64_t flat[2] = {x->shape[0] * x->shape[1], x->shape[2]};
        Tensor *xf = lib_op_view(x, 2, flat);
        Tensor *m = xf ? lib_op_addmm(b, xf, wt, 1, 1) : NULL;
        if (m) {
            int64_t shape[3] = {x->shape[0], x->shape[1], m->shape[1]};
            r = lib_op_view(m, 3, shape);
        }
        tensor_release(xf), tensor_release(m);
    } else {
        // PyTorch adds the bias in place (AddBackward0); out of place gives
        // the same node without rebasing a view (matmul of a 1-d input is
        // a squeeze view here, a squeeze_ in PyTorch).
        r = lib_op_matmul(x, wt);
        if (r && b) {
            Tensor *rb = lib_op_binary(OP_ADD, r, b, NULL);
            tensor_release(r);
            r = rb;
        }
    }
    tensor_release(wt);
    return r;
}

static Value f_linear(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"input", "weight", "bias"};
    Value v[3];
    Tensor *x, *w, *b = NULL;
    if (LIB_BIND("linear", nargs, args, kw, names, 3, v) < 0) return VAL_ERROR;
    if (IS_UNDEF(v[0]) || IS_UNDEF(v[1]))
        return exc_raise(exc_TypeError, "linear() missing required argument '%s'", IS_UNDEF(v[0]) ? "input" : "weight");
    if (lib_arg_tensor(v[0], "linear", "input", 1, &x) < 0 || lib_arg_tensor(v[1], "linear", "weight", 2, &w) < 0 ||
        (!IS_UNDEF(v[2]) && !IS_NONE(v[2]) && lib_arg_tensor(v[2], "linear", "bias", 3, &b) < 0))
        return VAL_ERROR;
    return lib_tensor_wrap(linear(x, w, b));
}

// ---------------------------------------------------------------- softmax

// softmax(input, dim, dtype=None): with a dtype the input is cast first
// (its ToCopyBackward0 shows in the graph, as in PyTorch).
static Value softmax_common(int nargs, Value *args, const KwArgs *kw, const char *fname, bool log) {
    static const char *const names[] = {"input", "dim", "dtype", "_stacklevel"};
    Value v[4];
    Tensor *x;
    int64_t dim;
    if (LIB_BIND(fname, nargs, args, kw, names, 4, v) < 0) return VAL_ERROR;
    if (IS_UNDEF(v[0]) || IS_UNDEF(v[1]) || IS_NONE(v[1]))
        return exc_raise(exc_TypeError, "%s() missing required argument '%s'", fname, IS_UNDEF(v[0]) ? "input" : "dim");
    if (lib_arg_tensor(v[0], fname, "input", 1, &x) < 0 || lib_arg_int(v[1], fname, "dim", &dim) < 0)
        return VAL_ERROR;
    DType dt;
    int has = IS_UNDEF(v[2]) ? 0 : lib_arg_dtype(v[2], fname, &dt);
    if (has < 0) return VAL_ERROR;
    if (has == 0 || dt == x->dtype) return lib_tensor_wrap(ag_softmax(x, dim, log));
    Tensor *c = lib_op_to_dtype(x, dt, false);
    Tensor *r = c ? ag_softmax(c, dim, log) : NULL;
    tensor_release(c);
    return lib_tensor_wrap(r);
}

static Value f_softmax(int nargs, Value *args, const KwArgs *kw) { return softmax_common(nargs, args, kw, "softmax", false); }
static Value f_log_softmax(int nargs, Value *args, const KwArgs *kw) { return softmax_common(nargs, args, kw, "log_softmax", true); }

// ---------------------------------------------------------------- losses

static int reduction_arg(Value v, const char *fname, int64_t *out) {
    return lib_arg_int(v, fname, "reduction", out);
}

// _mse_loss(input, target, reduction): broadcasts unequal shapes with
// expand (ExpandBackward0), as torch.broadcast_tensors does.
static Value f_mse_loss(int nargs, Value *args, const KwArgs *kw) {
    Tensor *x, *y;
    int64_t red;
    if (arg_check_count("mse_loss", nargs, 3, 3) < 0 || arg_no_kwargs("mse_loss", kw) < 0 ||
        lib_arg_tensor(args[0], "mse_loss", "input", 1, &x) < 0 ||
        lib_arg_tensor(args[1], "mse_loss", "target", 2, &y) < 0 || reduction_arg(args[2], "mse_loss", &red) < 0)
        return VAL_ERROR;
    bool same = x->ndim == y->ndim && memcmp(x->shape, y->shape, sizeof(int64_t) * (size_t)x->ndim) == 0;
    if (same) return lib_tensor_wrap(ag_mse_loss(x, y, (int)red));
    const Tensor *both[2] = {x, y};
    int nd;
    int64_t shape[TENSOR_MAX_DIMS];
    if (iter_broadcast_shape(2, both, &nd, shape) < 0) return VAL_ERROR;
    Tensor *xe = lib_op_expand(x, nd, shape), *ye = xe ? lib_op_expand(y, nd, shape) : NULL;
    Tensor *r = ye ? ag_mse_loss(xe, ye, (int)red) : NULL;
    tensor_release(xe), tensor_release(ye);
    return lib_tensor_wrap(r);
}

// _nll_loss(input, target, weight, reduction, ignore_index): PyTorch's
// nll_loss_nd checks, for (N, C) and (C) inputs.
static Value f_nll_loss(int nargs, Value *args, const KwArgs *kw) {
    Tensor *x, *t, *w = NULL;
    int64_t red, ignore;
    if (arg_check_count("nll_loss", nargs, 5, 5) < 0 || arg_no_kwargs("nll_loss", kw) < 0 ||
        lib_arg_tensor(args[0], "nll_loss", "input", 1, &x) < 0 ||
        lib_arg_tensor(args[1], "nll_loss", "target", 2, &t) < 0 ||
        (!IS_NONE(args[2]) && lib_arg_tensor(args[2], "nll_loss", "weight", 3, &w) < 0) ||
        reduction_arg(args[3], "nll_loss", &red) < 0 || lib_arg_int(args[4], "nll_loss", "ignore_index", &ignore) < 0)
        return VAL_ERROR;
    if (x->ndim < 1) return exc_raise(exc_ValueError, "Expected 1 or more dimensions (got %d)", x->ndim);
    if (x->ndim != 1 && (t->ndim == 0 || x->shape[0] != t->shape[0]))
        return exc_raise(exc_ValueError, "Expected input batch_size (%lld) to match target batch_size (%lld).",
                         (long long)x->shape[0], (long long)(t->ndim ? t->shape[0] : 1));
    if (x->ndim > 2)
        return exc_raise(exc_NotImplementedError, "nll_loss / cross_entropy over inputs of more than 2 "
                         "dimensions is not supported by tl");
    return lib_tensor_wrap(ag_nll_loss(x, t, w, (int)red, ignore));
}

// _warn(message): prints "UserWarning: message" to stderr once per
// message, as Python's default warning filter does once per call site.
static Value f_warn(int nargs, Value *args, const KwArgs *kw) {
    static ObjDict *seen;
    if (arg_check_count("_warn", nargs, 1, 1) < 0 || arg_no_kwargs("_warn", kw) < 0) return VAL_ERROR;
    if (!val_is_str(args[0])) return exc_raise(exc_TypeError, "_warn() expects a str");
    if (!seen) seen = dict_new();
    if (!IS_UNDEF(dict_get(seen, args[0]))) return NONE_VAL;
    dict_set(seen, args[0], NONE_VAL);
    fflush(stdout);
    fprintf(stderr, "UserWarning: %s\n", val_cstr(args[0]));
    return NONE_VAL;
}

// ---------------------------------------------------------------- more layers

// An optional tensor argument: None gives NULL. 0 / -1.
static int opt_tensor(Value v, const char *fname, const char *what, int pos, Tensor **out) {
    *out = NULL;
    if (IS_UNDEF(v) || IS_NONE(v)) return 0;
    return lib_arg_tensor(v, fname, what, pos, out);
}

// _leaky_relu(input, negative_slope, inplace): the input itself when in place.
static Value f_leaky_relu(int nargs, Value *args, const KwArgs *kw) {
    Tensor *x;
    double slope;
    bool inplace;
    if (arg_check_count("leaky_relu", nargs, 3, 3) < 0 || arg_no_kwargs("leaky_relu", kw) < 0 ||
        lib_arg_tensor(args[0], "leaky_relu", "input", 1, &x) < 0 ||
        lib_arg_double(args[1], "leaky_relu", "negative_slope", &slope) < 0 ||
        lib_arg_bool(args[2], "leaky_relu", "inplace", &inplace) < 0)
        return VAL_ERROR;
    if (inplace) return ag_leaky_relu_(x, slope) < 0 ? VAL_ERROR : val_incref(args[0]);
    return lib_tensor_wrap(ag_leaky_relu(x, slope));
}

static Value f_gelu(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"input", "approximate"};
    Value v[2];
    Tensor *x;
    if (LIB_BIND("gelu", nargs, args, kw, names, 2, v) < 0) return VAL_ERROR;
    if (IS_UNDEF(v[0])) return exc_raise(exc_TypeError, "gelu() missing required argument 'input'");
    if (lib_arg_tensor(v[0], "gelu", "input", 1, &x) < 0) return VAL_ERROR;
    const char *mode = IS_UNDEF(v[1]) ? "none" : val_is_str(v[1]) ? val_cstr(v[1]) : NULL;
    if (!mode) return exc_raise(exc_TypeError, "gelu(): argument 'approximate' must be str, not %s", val_type_name(v[1]));
    if (strcmp(mode, "none") != 0 && strcmp(mode, "tanh") != 0)
        return tl_raise(ERR_RUNTIME, "approximate argument must be either none or tanh."), VAL_ERROR;
    return lib_tensor_wrap(ag_gelu(x, mode[0] == 't'));
}

// _bce(input, target, weight, reduction) / _bce_logits(..., pos_weight, reduction).
static Value f_bce(int nargs, Value *args, const KwArgs *kw) {
    Tensor *x, *t, *w;
    int64_t red;
    if (arg_check_count("binary_cross_entropy", nargs, 4, 4) < 0 || arg_no_kwargs("binary_cross_entropy", kw) < 0 ||
        lib_arg_tensor(args[0], "binary_cross_entropy", "input", 1, &x) < 0 ||
        lib_arg_tensor(args[1], "binary_cross_entropy", "target", 2, &t) < 0 ||
        opt_tensor(args[2], "binary_cross_entropy", "weight", 3, &w) < 0 ||
        reduction_arg(args[3], "binary_cross_entropy", &red) < 0)
        return VAL_ERROR;
    return lib_tensor_wrap(ag_bce(x, t, w, (int)red));
}

static Value f_bce_logits(int nargs, Value *args, const KwArgs *kw) {
    const char *fn = "binary_cross_entropy_with_logits";
    Tensor *x, *t, *w, *pw;
    int64_t red;
    if (arg_check_count(fn, nargs, 5, 5) < 0 || arg_no_kwargs(fn, kw) < 0 ||
        lib_arg_tensor(args[0], fn, "input", 1, &x) < 0 || lib_arg_tensor(args[1], fn, "target", 2, &t) < 0 ||
        opt_tensor(args[2], fn, "weight", 3, &w) < 0 || opt_tensor(args[3], fn, "pos_weight", 4, &pw) < 0 ||
        reduction_arg(args[4], fn, &red) < 0)
        return VAL_ERROR;
    return lib_tensor_wrap(ag_bce_logits(x, t, w, pw, (int)red));
}

static Value f_avg_pool2d(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"input", "kernel_size", "stride", "padding", "ceil_mode",
                                        "count_include_pad", "divisor_override"};
    Value v[7];
    Tensor *x;
    bool no_stride;
    AvgPool2dArgs a = {{0, 0}, {0, 0}, {0, 0}, false, true, 0};
    if (LIB_BIND("avg_pool2d", nargs, args, kw, names, 7, v) < 0) return VAL_ERROR;
    if (IS_UNDEF(v[0]) || IS_UNDEF(v[1]))
        return exc_raise(exc_TypeError, "avg_pool2d() missing required argument '%s'", IS_UNDEF(v[0]) ? "input" : "kernel_size");
    if (lib_arg_tensor(v[0], "avg_pool2d", "input", 1, &x) < 0 || pool_arg(v[1], 0, 0, a.kernel, NULL) < 0 ||
        pool_arg(v[2], 1, 0, a.stride, &no_stride) < 0 || pool_arg(v[3], 2, 0, a.padding, NULL) < 0 ||
        (!IS_UNDEF(v[4]) && lib_arg_bool(v[4], "avg_pool2d", "ceil_mode", &a.ceil_mode) < 0) ||
        (!IS_UNDEF(v[5]) && lib_arg_bool(v[5], "avg_pool2d", "count_include_pad", &a.count_include_pad) < 0) ||
        (!IS_UNDEF(v[6]) && !IS_NONE(v[6]) && lib_arg_int(v[6], "avg_pool2d", "divisor_override", &a.divisor) < 0))
        return VAL_ERROR;
    if (!IS_UNDEF(v[6]) && !IS_NONE(v[6]) && a.divisor == 0)
        return tl_raise(ERR_RUNTIME, "divisor must be not zero"), VAL_ERROR;
    if (no_stride) a.stride[0] = a.kernel[0], a.stride[1] = a.kernel[1];
    return lib_tensor_wrap(ag_avg_pool2d(x, &a));
}

// _adaptive_avg_pool2d(input, oh, ow): (1, 1) is the mean over the last two
// dims with keepdim (MeanBackward1), as PyTorch computes it.
static Value f_adaptive_avg_pool2d(int nargs, Value *args, const KwArgs *kw) {
    Tensor *x;
    int64_t oh, ow;
    if (arg_check_count("adaptive_avg_pool2d", nargs, 3, 3) < 0 || arg_no_kwargs("adaptive_avg_pool2d", kw) < 0 ||
        lib_arg_tensor(args[0], "adaptive_avg_pool2d", "input", 1, &x) < 0 ||
        lib_arg_int(args[1], "adaptive_avg_pool2d", "output_size", &oh) < 0 ||
        lib_arg_int(args[2], "adaptive_avg_pool2d", "output_size", &ow) < 0)
        return VAL_ERROR;
    if (oh == 1 && ow == 1 && (x->ndim == 3 || x->ndim == 4)) {
        int64_t dims[2] = {-1, -2};
        return lib_tensor_wrap(lib_op_mean(x, dims, 2, true, REDUCE_NO_DTYPE));
    }
    return lib_tensor_wrap(ag_adaptive_avg_pool2d(x, oh, ow));
}

// _batch_norm(input, running_mean, running_var, weight, bias, training, momentum, eps)
static Value f_batch_norm(int nargs, Value *args, const KwArgs *kw) {
    Tensor *x, *rm, *rv, *w, *b;
    bool training;
    double momentum, eps;
    if (arg_check_count("batch_norm", nargs, 8, 8) < 0 || arg_no_kwargs("batch_norm", kw) < 0 ||
        lib_arg_tensor(args[0], "batch_norm", "input", 1, &x) < 0 ||
        opt_tensor(args[1], "batch_norm", "running_mean", 2, &rm) < 0 ||
        opt_tensor(args[2], "batch_norm", "running_var", 3, &rv) < 0 ||
        opt_tensor(args[3], "batch_norm", "weight", 4, &w) < 0 || opt_tensor(args[4], "batch_norm", "bias", 5, &b) < 0 ||
        lib_arg_bool(args[5], "batch_norm", "training", &training) < 0 ||
        lib_arg_double(args[6], "batch_norm", "momentum", &momentum) < 0 ||
        lib_arg_double(args[7], "batch_norm", "eps", &eps) < 0)
        return VAL_ERROR;
    return lib_tensor_wrap(ag_batch_norm(x, w, b, rm, rv, training, momentum, eps));
}

// _layer_norm(input, normalized_shape, weight, bias, eps)
static Value f_layer_norm(int nargs, Value *args, const KwArgs *kw) {
    Tensor *x, *w, *b;
    int64_t shape[TENSOR_MAX_DIMS];
    int nd;
    double eps;
    if (arg_check_count("layer_norm", nargs, 5, 5) < 0 || arg_no_kwargs("layer_norm", kw) < 0 ||
        lib_arg_tensor(args[0], "layer_norm", "input", 1, &x) < 0 ||
        lib_arg_int_list(args[1], "layer_norm", "normalized_shape", &nd, shape, TENSOR_MAX_DIMS) < 0 ||
        opt_tensor(args[2], "layer_norm", "weight", 3, &w) < 0 || opt_tensor(args[3], "layer_norm", "bias", 4, &b) < 0 ||
        lib_arg_double(args[4], "layer_norm", "eps", &eps) < 0)
        return VAL_ERROR;
    bool ok = nd >= 1 && x->ndim >= nd;
    for (int i = 0; ok && i < nd; i++) ok = x->shape[x->ndim - nd + i] == shape[i];
    if (!ok) {
        char s1[96], s2[96], s3[96] = "[*";
        size_t len = strlen(s3);
        for (int i = 0; i < nd; i++) len += (size_t)snprintf(s3 + len, sizeof s3 - len, ", %lld", (long long)shape[i]);
        snprintf(s3 + len, sizeof s3 - len, "]");
        return tl_raise(ERR_RUNTIME, "Given normalized_shape=%s, expected input with shape %s, but got input of "
                        "size%s", tensor_shape_fmt(s1, sizeof s1, nd, shape), s3,
                        tensor_shape_fmt(s2, sizeof s2, x->ndim, x->shape)), VAL_ERROR;
    }
    return lib_tensor_wrap(ag_layer_norm(x, nd, w, b, eps));
}

// _embedding(input, weight, padding_idx)
static Value f_embedding(int nargs, Value *args, const KwArgs *kw) {
    Tensor *idx, *w;
    int64_t pad;
    if (arg_check_count("embedding", nargs, 3, 3) < 0 || arg_no_kwargs("embedding", kw) < 0 ||
        lib_arg_tensor(args[0], "embedding", "input", 1, &idx) < 0 ||
        lib_arg_tensor(args[1], "embedding", "weight", 2, &w) < 0 || lib_arg_int(args[2], "embedding", "padding_idx", &pad) < 0)
        return VAL_ERROR;
    return lib_tensor_wrap(ag_embedding(w, idx, pad));
}

// ---------------------------------------------------------------- tables

const NativeMethodDef lib_nn_functional_natives[] = {
    {"conv2d", f_conv2d, NULL},
    {"_max_pool2d", f_max_pool2d, NULL},
    {"max_pool2d_with_indices", f_max_pool2d_with_indices, NULL},
    {"linear", f_linear, NULL},
    {"_softmax", f_softmax, NULL},
    {"_log_softmax", f_log_softmax, NULL},
    {"_mse_loss", f_mse_loss, NULL},
    {"_nll_loss", f_nll_loss, NULL},
    {"_warn", f_warn, NULL},
    {"_leaky_relu", f_leaky_relu, NULL},
    {"gelu", f_gelu, NULL},
    {"_bce", f_bce, NULL},
    {"_bce_logits", f_bce_logits, NULL},
    {"avg_pool2d", f_avg_pool2d, NULL},
    {"_adaptive_avg_pool2d", f_adaptive_avg_pool2d, NULL},
    {"_batch_norm", f_batch_norm, NULL},
    {"_layer_norm", f_layer_norm, NULL},
    {"_embedding", f_embedding, NULL},
    {NULL, NULL, NULL},
};

const NativeMethodDef lib_nn_torch_fns[] = {
    {"conv2d", f_conv2d, NULL},
    {"max_pool2d", f_max_pool2d, NULL},
    {"softmax", f_softmax, NULL},
    {"log_softmax", f_log_softmax, NULL},
    {NULL, NULL, NULL},
};

const NativeMethodDef lib_nn_tensor_methods[] = {
    {"softmax", f_softmax, NULL},
    {"log_softmax", f_log_softmax, NULL},
    {NULL, NULL, NULL},
};
