// numpy's reductions: sum, mean, prod, max, min, argmax, argmin, all, any,
// var, std, with numpy's dtypes (integer sums are int64, integer means
// float64) and its summation order, so the printed digits agree: a run of
// reduced elements that is contiguous in memory is added pairwise (blocks
// of 8 accumulators, numpy's pairwise_sum), and such runs are accumulated
// one after the other into the output; float16 accumulates in float.
#include <math.h>
#include <string.h>

#include "lib/lib_tensor.h"
#include "lib/numpy_internal.h"
#include "tensor/convert.h"
#include "tensor/elementwise.h"
#include "tensor/half.h"
#include "tensor/shape.h"
#include "vm/containers.h"

#define NP_BUFSIZE 8192    // numpy's iterator buffer size: its inner loops see at most this many

// ---------------------------------------------------------------- pairwise sums

#define DEF_PAIRWISE(NAME, T)                                                        \
    static T NAME(const T *a, int64_t n) {                                           \
        if (n < 8) {                                                                 \
            T res = 0;                                                               \
            for (int64_t i = 0; i < n; i++) res += a[i];                             \
            return res;                                                              \
        }                                                                            \
        if (n <= 128) {                                                              \
            T r[8];                                                                  \
            int64_t i;                                                               \
            for (int k = 0; k < 8; k++) r[k] = a[k];                                 \
            for (i = 8; i < n - (n % 8); i += 8)                                     \
                for (int k = 0; k < 8; k++) r[k] += a[i + k];                        \
            T res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7])); \
            for (; i < n; i++) res += a[i];                                          \
            return res;                                                              \
        }                                                                            \
        int64_t n2 = n / 2;                                                          \
        n2 -= n2 % 8;                                                                \
        return NAME(a, n2) + NAME(a + n2, n - n2);                                   \
    }
DEF_PAIRWISE(pairwise_f, float)
DEF_PAIRWISE(pairwise_d, double)

// ---------------------------------------------------------------- layout

// [x] rearranged for reducing over [mask] in numpy's iteration order: its
// dims in memory order (decreasing stride), the kept ones first, then the
// reduced ones; converted to [dt] and contiguous, seen as (nout, nouter, L)
// where L is the run of innermost reduced dims that numpy's iterator
// coalesces into one inner loop (at most NP_BUFSIZE elements per call).
typedef struct {
    Tensor *y;
    int64_t nout, nouter, L;
    int nkept;
    int kept[TENSOR_MAX_DIMS];    // x's kept dims in iteration order
} Layout;

static int arrange(const Tensor *x, const bool *mask, DType dt, Layout *lay) {
    int order[TENSOR_MAX_DIMS];
    for (int d = 0; d < x->ndim; d++) {   // stable insertion sort by decreasing |stride|
        int k = d;
        int64_t sd = x->strides[d] < 0 ? -x->strides[d] : x->strides[d];
        for (; k > 0; k--) {
            int64_t sp = x->strides[order[k - 1]];
            if ((sp < 0 ? -sp : sp) >= sd || x->shape[d] == 1) break;
            order[k] = order[k - 1];
        }
        order[k] = d;
    }
    int64_t perm[TENSOR_MAX_DIMS];
    int n = 0;
    lay->nout = lay->nouter = lay->L = 1;
    lay->nkept = 0;
    for (int i = 0; i < x->ndim; i++)
        if (!mask[order[i]]) {
            perm[n++] = lay->kept[lay->nkept++] = order[i];
            lay->nout *= x->shape[order[i]];
        }
    for (int i = 0; i < x->ndim; i++)
        if (mask[order[i]]) {
            perm[n++] = order[i];
            lay->nouter *= x->shape[order[i]];
        }
    for (int i = x->ndim - 1; i >= 0 && mask[order[i]]; i--) lay->L *= x->shape[order[i]];
    lay->nouter = lay->L ? lay->nouter / lay->L : 0;
    Tensor *p = tensor_permute(x, n, perm);
    Tensor *c = p ? tensor_to_dtype(p, dt, false) : NULL;
    tensor_release(p);
    lay->y = c ? tensor_contiguous(c) : NULL;
    tensor_release(c);
    return lay->y ? 0 : -1;
}

// A new contiguous (nout,) tensor of [dt] for the results in iteration order.
static Tensor *raw_out(const Layout *lay, DType dt) { return tensor_empty(1, &(int64_t){lay->nout}, dt); }

// Puts [raw] (stolen; results in iteration order) into x's kept-dim order,
// with 1s for the reduced dims when [keepdims].
static Tensor *place(Tensor *raw, const Tensor *x, const bool *mask, const Layout *lay, bool keepdims) {
    if (!raw) return NULL;
    int64_t kshape[TENSOR_MAX_DIMS], perm[TENSOR_MAX_DIMS], shape[TENSOR_MAX_DIMS];
    int n = 0, nd = 0;
    for (int i = 0; i < lay->nkept; i++) kshape[i] = x->shape[lay->kept[i]];
    for (int d = 0; d < x->ndim; d++) {
        if (mask[d]) {
            if (keepdims) shape[nd++] = 1;
            continue;
        }
        shape[nd++] = x->shape[d];
        for (int i = 0; i < lay->nkept; i++)
            if (lay->kept[i] == d) perm[n++] = i;
    }
    Tensor *v = tensor_view(raw, lay->nkept, kshape);
    tensor_release(raw);
    Tensor *p = v ? tensor_permute(v, n, perm) : NULL;
    tensor_release(v);
    Tensor *c = p ? tensor_clone_contiguous(p) : NULL;
    tensor_release(p);
    Tensor *r = c ? tensor_view(c, nd, shape) : NULL;
    tensor_release(c);
    return r;
}

// ---------------------------------------------------------------- sum

// Sums into a new tensor of [acc] (int64, float16, float32 or float64):
// each inner run pairwise, in calls of at most NP_BUFSIZE elements, added
// to the output one after the other; float16 is stored back as half after
// each call.
static Tensor *reduce_sum(const Tensor *x, const bool *mask, bool keepdims, DType acc) {
    DType work = acc == DT_F16 ? DT_F32 : acc;
    Layout lay;
    if (arrange(x, mask, work, &lay) < 0) return NULL;
    Tensor *out = raw_out(&lay, acc);
    if (!out) goto done;
    const char *base = tensor_data(lay.y);
    char *o = tensor_data(out);
    int64_t run = lay.nouter * lay.L, chunk = NP_BUFSIZE;
    for (int64_t i = 0; i < lay.nout; i++) {
        if (work == DT_I64) {
            const int64_t *a = (const int64_t *)base + i * run;
            uint64_t s = 0;   // wraps like numpy's int64 adds
            for (int64_t k = 0; k < run; k++) s += (uint64_t)a[k];
            ((int64_t *)o)[i] = (int64_t)s;
        } else if (work == DT_F64) {
            const double *a = (const double *)base + i * run;
            double s = 0;
            for (int64_t r = 0; r < lay.nouter; r++)
                for (int64_t k = 0; k < lay.L; k += chunk)
                    s += pairwise_d(a + r * lay.L + k, lay.L - k < chunk ? lay.L - k : chunk);
            ((double *)o)[i] = s;
        } else {
            const float *a = (const float *)base + i * run;
            float s = 0;
            for (int64_t r = 0; r < lay.nouter; r++)
                for (int64_t k = 0; k < lay.L; k += chunk) {
                    s += pairwise_f(a + r * lay.L + k, lay.L - k < chunk ? lay.L - k : chunk);
                    if (acc == DT_F16) s = f16_to_f32(f32_to_f16(s));
                }
            if (acc == DT_F16) ((uint16_t *)o)[i] = f32_to_f16(s);
            else ((float *)o)[i] = s;
        }
    }
    out = place(out, x, mask, &lay, keepdims);
done:
    tensor_release(lay.y);
    return out;
}

static int64_t count_of(const Tensor *x, const bool *mask) {
    int64_t n = 1;
    for (int d = 0; d < x->ndim; d++)
        if (mask[d]) n *= x->shape[d];
    return n;
}

// [t] (stolen) divided by [n] in double, rounded to [dt].
static Tensor *divide_by(Tensor *t, double n, DType dt) {
    if (!t) return NULL;
    Tensor *d = tensor_to_dtype(t, DT_F64, false);
    tensor_release(t);
    if (!d) return NULL;
    int64_t k = tensor_numel(d);
    if (!tensor_is_contiguous(d) || d->storage->refcnt > 1) {
        Tensor *c = tensor_clone_contiguous(d);
        tensor_release(d);
        if (!(d = c)) return NULL;
    }
    double *p = tensor_data(d);
    for (int64_t i = 0; i < k; i++) p[i] /= n;
    Tensor *r = tensor_to_dtype(d, dt, false);
    tensor_release(d);
    return r;
}

// The dtype numpy accumulates a sum/mean in ([dtype] < 0: not given).
static DType sum_dtype(DType in, int dtype, bool mean) {
    if (dtype >= 0) return (DType)dtype;
    if (dtype_is_floating(in)) return mean && in == DT_F16 ? DT_F32 : in;
    return mean ? DT_F64 : DT_I64;
}

static Tensor *do_mean(const Tensor *x, const bool *mask, bool keepdims, int dtype, DType *out_dt) {
    DType acc = sum_dtype(x->dtype, dtype, true);
    *out_dt = dtype >= 0 ? (DType)dtype : x->dtype == DT_F16 ? DT_F16 : acc;
    Tensor *s = reduce_sum(x, mask, keepdims, acc);
    return divide_by(s, (double)count_of(x, mask), *out_dt);
}

// var/std: mean with keepdims, squared deviations summed, / (n - ddof).
static Tensor *do_var(const Tensor *x, const bool *mask, bool keepdims, int dtype, int64_t ddof, bool is_std) {
    DType out_dt, acc = sum_dtype(x->dtype, dtype, true);
    Tensor *mean = do_mean(x, mask, true, dtype >= 0 ? dtype : (int)acc, &out_dt);
    Tensor *xc = mean ? tensor_to_dtype(x, acc, false) : NULL;
    Tensor *dev = xc ? tensor_binary(OP_SUB, xc, mean, NULL) : NULL;
    Tensor *sq = dev ? tensor_binary(OP_MUL, dev, dev, NULL) : NULL;
    Tensor *s = sq ? reduce_sum(sq, mask, keepdims, acc) : NULL;
    int64_t n = count_of(x, mask) - ddof;
    DType final = dtype >= 0 ? (DType)dtype : x->dtype == DT_F16 ? DT_F16 : acc;
    Tensor *r = divide_by(s, n > 0 ? (double)n : 0.0, is_std ? DT_F64 : final);
    if (r && is_std) {
        Tensor *q = tensor_unary(OP_SQRT, r, NULL);
        tensor_release(r);
        r = q ? tensor_to_dtype(q, final, false) : NULL;
        tensor_release(q);
    }
    tensor_release(mean);
    tensor_release(xc);
    tensor_release(dev);
    tensor_release(sq);
    return r;
}

// ---------------------------------------------------------------- max, min, arg*, prod, all, any

static const char *const reduce_names[] = {
    [NPR_SUM] = "add", [NPR_MEAN] = "add", [NPR_MAX] = "maximum", [NPR_MIN] = "minimum",
    [NPR_PROD] = "multiply", [NPR_ARGMAX] = "argmax", [NPR_ARGMIN] = "argmin",
    [NPR_ALL] = "logical_and", [NPR_ANY] = "logical_or", [NPR_STD] = "add", [NPR_VAR] = "add"};

// One lane of elements (in double or int64), reduced sequentially.
// [dt]: the array's dtype, to which a product is rounded after each step.
static void reduce_lane_d(NpReduce op, const double *a, int64_t n, DType dt, double *val, int64_t *idx) {
    double v = op == NPR_PROD ? 1 : a[0];
    int64_t at = 0;
    for (int64_t k = op == NPR_PROD ? 0 : 1; k < n; k++) {
        double e = a[k];
        switch (op) {
        case NPR_PROD:
            v *= e;
            if (dt == DT_F32) v = (float)v;
            else if (dt == DT_F16) v = f16_to_f32(f32_to_f16((float)v));
            break;
        case NPR_ALL: v = v != 0 && e != 0; break;
        case NPR_ANY: v = v != 0 || e != 0; break;
        default: {
            bool take = (op == NPR_MAX || op == NPR_ARGMAX) ? e > v : e < v;
            if (v != v) take = false;             // the first NaN wins
            else if (e != e) take = true;
            if (take) v = e, at = k;
        }
        }
    }
    if (n == 1 && (op == NPR_ALL || op == NPR_ANY)) v = v != 0;
    *val = v;
    *idx = at;
}

static void reduce_lane_i(NpReduce op, const int64_t *a, int64_t n, int64_t *val, int64_t *idx) {
    uint64_t p = 1;
    int64_t v = a[0], at = 0;
    for (int64_t k = 0; k < n; k++) {
        int64_t e = a[k];
        switch (op) {
        case NPR_PROD: p *= (uint64_t)e; break;
        case NPR_ALL: v = k ? v && e : e != 0; break;
        case NPR_ANY: v = k ? v || e : e != 0; break;
        default:
            if ((op == NPR_MAX || op == NPR_ARGMAX) ? e > v : e < v) v = e, at = k;
        }
    }
    *val = op == NPR_PROD ? (int64_t)p : v;
    *idx = at;
}

static Tensor *reduce_other(NpReduce op, const Tensor *x, const bool *mask, bool keepdims, int dtype) {
    bool arg = op == NPR_ARGMAX || op == NPR_ARGMIN, logic = op == NPR_ALL || op == NPR_ANY;
    bool fl = dtype_is_floating(x->dtype) || (op == NPR_PROD && dtype >= 0 && dtype_is_floating((DType)dtype));
    DType out_dt = arg ? DT_I64 : logic ? DT_BOOL : op == NPR_PROD ? sum_dtype(x->dtype, dtype, false) : x->dtype;
    int64_t n = count_of(x, mask);
    if (n == 0 && op != NPR_PROD && !logic) {
        if (arg) return tl_raise(ERR_VALUE, "attempt to get %s of an empty sequence", reduce_names[op]);
        return tl_raise(ERR_VALUE, "zero-size array to reduction operation %s which has no identity",
                        reduce_names[op]);
    }
    Layout lay;
    if (arrange(x, mask, fl ? DT_F64 : DT_I64, &lay) < 0) return NULL;
    Tensor *out = raw_out(&lay, fl && !arg && !logic ? DT_F64 : DT_I64);
    if (out) {
        for (int64_t i = 0; i < lay.nout; i++) {
            int64_t at;
            if (n == 0) {
                if (fl) ((double *)tensor_data(out))[i] = op == NPR_PROD ? 1 : op == NPR_ALL;
                else ((int64_t *)tensor_data(out))[i] = op == NPR_PROD ? 1 : op == NPR_ALL;
            } else if (fl) {
                double v;
                reduce_lane_d(op, (const double *)tensor_data(lay.y) + i * n, n, out_dt, &v, &at);
                if (arg || logic) ((int64_t *)tensor_data(out))[i] = arg ? at : (int64_t)v;
                else ((double *)tensor_data(out))[i] = v;
            } else {
                int64_t v;
                reduce_lane_i(op, (const int64_t *)tensor_data(lay.y) + i * n, n, &v, &at);
                ((int64_t *)tensor_data(out))[i] = arg ? at : v;
            }
        }
    }
    tensor_release(lay.y);
    out = place(out, x, mask, &lay, keepdims);
    if (!out || out->dtype == out_dt) return out;
    Tensor *r = tensor_to_dtype(out, out_dt, false);
    tensor_release(out);
    return r;
}

// ---------------------------------------------------------------- arguments

// axis=None / int / tuple into [mask]; numpy's AxisError wording.
static int parse_axis(Value v, const Tensor *x, bool *mask, bool int_only) {
    for (int d = 0; d < TENSOR_MAX_DIMS; d++) mask[d] = IS_UNDEF(v) || IS_NONE(v);
    if (IS_UNDEF(v) || IS_NONE(v)) return 0;
    int64_t axes[TENSOR_MAX_DIMS];
    int64_t len = 1;
    Value *items = val_is_tuple(v) ? seq_items(v, &len) : &v;
    if (val_is_tuple(v) && int_only)
        return tl_raise_int(ERR_TYPE, "'tuple' object cannot be interpreted as an integer");
    if (len > TENSOR_MAX_DIMS) return tl_raise_int(ERR_VALUE, "duplicate value in 'axis'");
    for (int64_t i = 0; i < len; i++) {
        if (index_require(items[i], &axes[i]) < 0) return -1;
        int64_t a = axes[i] < 0 ? axes[i] + x->ndim : axes[i];
        int nd = x->ndim;
        if (a < 0 || a >= (nd ? nd : 1) || (nd == 0 && !int_only))
            return tl_raise_int(ERR_VALUE, "axis %lld is out of bounds for array of dimension %d",
                                (long long)axes[i], nd);
        if (nd == 0) continue;
        if (mask[a]) return tl_raise_int(ERR_VALUE, "duplicate value in 'axis'");
        mask[a] = true;
    }
    return 0;
}

// The reduction's arguments by name (numpy's signatures differ per family).
typedef struct {
    Value axis, dtype, out, ddof, keepdims, initial, where;
} ReduceArgs;

static int bind_reduce(NpReduce op, const char *fname, int nargs, Value *args, const KwArgs *kw, ReduceArgs *ra) {
    static const char *const n_sum[] = {"axis", "dtype", "out", "keepdims", "initial", "where"};
    static const char *const n_max[] = {"axis", "out", "keepdims", "initial", "where"};
    static const char *const n_var[] = {"axis", "dtype", "out", "ddof", "keepdims", "where"};
    Value a[6];
    *ra = (ReduceArgs){VAL_UNDEFINED, VAL_UNDEFINED, VAL_UNDEFINED, VAL_UNDEFINED,
                       VAL_UNDEFINED, VAL_UNDEFINED, VAL_UNDEFINED};
    if (op == NPR_STD || op == NPR_VAR) {
        if (NP_BIND(fname, nargs, args, kw, n_var, 4, a) < 0) return -1;
        *ra = (ReduceArgs){a[0], a[1], a[2], a[3], a[4], VAL_UNDEFINED, a[5]};
    } else if (op == NPR_SUM || op == NPR_MEAN || op == NPR_PROD) {
        if (NP_BIND(fname, nargs, args, kw, n_sum, 4, a) < 0) return -1;
        *ra = (ReduceArgs){a[0], a[1], a[2], VAL_UNDEFINED, a[3], a[4], a[5]};
    } else {
        if (NP_BIND(fname, nargs, args, kw, n_max, 3, a) < 0) return -1;
        *ra = (ReduceArgs){a[0], VAL_UNDEFINED, a[1], VAL_UNDEFINED, a[2], a[3], a[4]};
    }
    if ((!IS_UNDEF(ra->out) && !IS_NONE(ra->out)) || !IS_UNDEF(ra->initial) || !IS_UNDEF(ra->where))
        return np_unsupported_int("reduction with out=, initial= or where=");
    return 0;
}

Value np_reduce_call(NpReduce op, const char *fname, int nargs, Value *args, const KwArgs *kw) {
    ReduceArgs ra;
    if (bind_reduce(op, fname, nargs - 1, args + 1, kw, &ra) < 0) return VAL_ERROR;
    Value axis = ra.axis, dtype_v = ra.dtype, ddof_v = ra.ddof, keep = ra.keepdims;
    DType dt;
    int given = np_arg_dtype(dtype_v, &dt);
    if (given < 0 || (given && np_check_dtype(dt) < 0)) return VAL_ERROR;
    int64_t ddof = 0;
    if (!IS_UNDEF(ddof_v) && index_require(ddof_v, &ddof) < 0) return VAL_ERROR;
    bool keepdims = !IS_UNDEF(keep) && val_truthy(keep) > 0;
    Tensor *x = np_as_tensor(args[0], -1);
    if (!x) return VAL_ERROR;
    bool mask[TENSOR_MAX_DIMS];
    Tensor *r = NULL;
    bool arg = op == NPR_ARGMAX || op == NPR_ARGMIN;
    if (parse_axis(axis, x, mask, arg) < 0) goto done;
    if (arg && (IS_UNDEF(axis) || IS_NONE(axis))) {   // argmax of the flattened array
        Tensor *flat = tensor_reshape(x, 1, (int64_t[]){tensor_numel(x)});
        bool m1[TENSOR_MAX_DIMS] = {true};
        r = flat ? reduce_other(op, flat, m1, false, -1) : NULL;
        tensor_release(flat);
        if (r && keepdims) {
            int64_t ones[TENSOR_MAX_DIMS];
            for (int d = 0; d < x->ndim; d++) ones[d] = 1;
            Tensor *k = tensor_reshape(r, x->ndim, ones);
            tensor_release(r);
            r = k;
        }
        goto done;
    }
    int dtype = given ? (int)dt : -1;
    DType ignored;
    switch (op) {
    case NPR_SUM: {
        DType acc = sum_dtype(x->dtype, dtype, false);
        r = reduce_sum(x, mask, keepdims, acc);
        break;
    }
    case NPR_MEAN: r = do_mean(x, mask, keepdims, dtype, &ignored); break;
    case NPR_VAR: case NPR_STD: r = do_var(x, mask, keepdims, dtype, ddof, op == NPR_STD); break;
    default: r = reduce_other(op, x, mask, keepdims, dtype); break;
    }
done:
    tensor_release(x);
    return np_result(r);
}
