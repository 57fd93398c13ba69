// Reduction, sorting and index-op methods with their torch.* forms: sum,
// mean, prod, std/var, max/min (with dim: torch.return_types), arg*,
// all/any, norm, logsumexp, cumsum/cumprod, sort/topk/kthvalue/median/mode,
// unique, index_select/gather/scatter/masked_select/nonzero/take, and the
// torch.linalg module.
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lib/tensor_internal.h"
#include "tensor/reduce.h"
#include "vm/modules.h"

#define BIND(fname, names, npos, a) LIB_BIND(fname, nargs - 1, args + 1, kw, names, npos, a)

static int opt_bool(Value v, const char *fname, const char *what, bool dflt, bool *out) {
    if (IS_UNDEF(v) || IS_NONE(v)) {
        *out = dflt;
        return 0;
    }
    return lib_arg_bool(v, fname, what, out);
}

static int opt_int(Value v, const char *fname, const char *what, int64_t dflt, int64_t *out) {
    if (IS_UNDEF(v) || IS_NONE(v)) {
        *out = dflt;
        return 0;
    }
    return lib_arg_int(v, fname, what, out);
}

static int opt_dtype(Value v, const char *fname, int *out) {
    DType dt;
    *out = REDUCE_NO_DTYPE;
    int r = lib_arg_dtype(v, fname, &dt);
    if (r > 0) *out = (int)dt;
    return r < 0 ? -1 : 0;
}

static int need(Value v, const char *fname, const char *what) {
    if (!IS_UNDEF(v)) return 0;
    return tl_raise_int(ERR_TYPE, "%s() missing 1 required positional arguments: \"%s\"", fname, what);
}

// ---------------------------------------------------------------- sum / mean / prod

static Value sum_mean(int nargs, Value *args, const KwArgs *kw, const char *fname, bool mean) {
    SELF(fname);
    if (nargs == 1 && !kw) return lib_tensor_wrap(mean ? lib_op_mean(self, NULL, 0, false, REDUCE_NO_DTYPE)
                                                       : lib_op_sum(self, NULL, 0, false, REDUCE_NO_DTYPE));
    static const char *const names[] = {"dim", "keepdim", "dtype", "out"};
    Value a[4];
    int nd, dtype;
    int64_t dims[TENSOR_MAX_DIMS];
    bool has, keep;
    if (BIND(fname, names, 2, a) < 0 || lib_arg_dims(a[0], fname, &nd, dims, &has) < 0 ||
        opt_bool(a[1], fname, "keepdim", false, &keep) < 0 || opt_dtype(a[2], fname, &dtype) < 0)
        return VAL_ERROR;
    const int64_t *dp = has ? dims : NULL;
    Tensor *r = mean ? lib_op_mean(self, dp, nd, keep, dtype) : lib_op_sum(self, dp, nd, keep, dtype);
    return lib_return_out(a[3], r);
}

static Value m_sum(int nargs, Value *args, const KwArgs *kw) { return sum_mean(nargs, args, kw, "sum", false); }
static Value m_mean(int nargs, Value *args, const KwArgs *kw) { return sum_mean(nargs, args, kw, "mean", true); }

static Value m_prod(int nargs, Value *args, const KwArgs *kw) {
    SELF("prod");
    static const char *const names[] = {"dim", "keepdim", "dtype"};
    Value a[3];
    int dtype;
    int64_t dim;
    bool keep;
    if (BIND("prod", names, 2, a) < 0 || opt_bool(a[1], "prod", "keepdim", false, &keep) < 0 ||
        opt_dtype(a[2], "prod", &dtype) < 0)
        return VAL_ERROR;
    if (IS_UNDEF(a[0]) || IS_NONE(a[0])) return lib_tensor_wrap(lib_op_prod(self, NULL, keep, dtype));
    if (lib_arg_int(a[0], "prod", "dim", &dim) < 0) return VAL_ERROR;
    return lib_tensor_wrap(lib_op_prod(self, &dim, keep, dtype));
}

// ---------------------------------------------------------------- std / var

typedef struct {
    int nd;
    int64_t dims[TENSOR_MAX_DIMS];
    bool has, keep;
    double correction;
} VarArgs;

// std(dim=None, unbiased=True, keepdim=False, *, correction=None), also
// the legacy std(unbiased) where a lone bool is `unbiased`.
static int var_args(const char *fname, int nargs, Value *args, const KwArgs *kw, VarArgs *v) {
    static const char *const names[] = {"dim", "unbiased", "keepdim", "correction"};
    Value a[4];
    if (nargs == 2 && IS_BOOL(args[1]) && !kw) {
        v->nd = 0;
        v->has = false;
        v->keep = false;
        v->correction = args[1].as.b ? 1 : 0;
        return 0;
    }
    if (BIND(fname, names, 3, a) < 0 || lib_arg_dims(a[0], fname, &v->nd, v->dims, &v->has) < 0)
        return -1;
    bool unbiased;
    if (opt_bool(a[1], fname, "unbiased", true, &unbiased) < 0 ||
        opt_bool(a[2], fname, "keepdim", false, &v->keep) < 0)
        return -1;
    v->correction = unbiased ? 1 : 0;
    if (!IS_UNDEF(a[3]) && !IS_NONE(a[3]) && lib_arg_double(a[3], fname, "correction", &v->correction) < 0)
        return -1;
    return 0;
}

static Value m_var(int nargs, Value *args, const KwArgs *kw) {
    SELF("var");
    VarArgs v;
    if (var_args("var", nargs, args, kw, &v) < 0) return VAL_ERROR;
    return lib_tensor_wrap(lib_op_var(self, v.has ? v.dims : NULL, v.nd, v.correction, v.keep));
}

static Value m_std(int nargs, Value *args, const KwArgs *kw) {
    SELF("std");
    VarArgs v;
    if (var_args("std", nargs, args, kw, &v) < 0) return VAL_ERROR;
    return lib_tensor_wrap(lib_op_std(self, v.has ? v.dims : NULL, v.nd, v.correction, v.keep));
}

static Value var_mean(int nargs, Value *args, const KwArgs *kw, const char *fname, bool is_std) {
    SELF(fname);
    VarArgs v;
    Tensor *a, *m;
    if (var_args(fname, nargs, args, kw, &v) < 0 ||
        lib_op_var_mean(self, v.has ? v.dims : NULL, v.nd, v.correction, v.keep, is_std, &a, &m) < 0)
        return VAL_ERROR;
    Tensor *ts[2] = {a, m};
    return lib_tuple_of_tensors(ts, 2);
}

static Value f_var_mean(int nargs, Value *args, const KwArgs *kw) { return var_mean(nargs, args, kw, "var_mean", false); }
static Value f_std_mean(int nargs, Value *args, const KwArgs *kw) { return var_mean(nargs, args, kw, "std_mean", true); }

// ---------------------------------------------------------------- max / min

// Call the op first, then pair(): C leaves argument evaluation order open.
static Value pair(int rc, ReturnTypeKind kind, Tensor *v, Tensor *i) {
    return rc < 0 ? VAL_ERROR : lib_return_pair(kind, v, i);
}

// max() / max(dim, keepdim=False) / max(other).
static Value max_min(int nargs, Value *args, const KwArgs *kw, const char *fname, bool is_min) {
    SELF(fname);
    if (nargs == 1 && !kw) return lib_tensor_wrap(is_min ? lib_op_min(self) : lib_op_max(self));
    static const char *const names[] = {"dim", "keepdim"};
    Value a[2];
    if (nargs == 2 && lib_is_tensor(args[1]) && !kw)
        return lib_tensor_wrap(lib_op_binary(is_min ? OP_MINIMUM : OP_MAXIMUM, self, lib_tensor(args[1]), NULL));
    int64_t dim;
    bool keep;
    Tensor *v, *i;
    if (BIND(fname, names, 2, a) < 0 || need(a[0], fname, "dim") < 0 || lib_arg_int(a[0], fname, "dim", &dim) < 0 ||
        opt_bool(a[1], fname, "keepdim", false, &keep) < 0)
        return VAL_ERROR;
    int rc = lib_op_max_dim(self, dim, keep, is_min, &v, &i);
    return pair(rc, is_min ? RT_MIN : RT_MAX, v, i);
}

static Value m_max(int nargs, Value *args, const KwArgs *kw) { return max_min(nargs, args, kw, "max", false); }
static Value m_min(int nargs, Value *args, const KwArgs *kw) { return max_min(nargs, args, kw, "min", true); }

static Value amax_amin(int nargs, Value *args, const KwArgs *kw, const char *fname, bool is_min) {
    SELF(fname);
    static const char *const names[] = {"dim", "keepdim"};
    Value a[2];
    int nd;
    int64_t dims[TENSOR_MAX_DIMS];
    bool has, keep;
    if (BIND(fname, names, 2, a) < 0 || lib_arg_dims(a[0], fname, &nd, dims, &has) < 0 ||
        opt_bool(a[1], fname, "keepdim", false, &keep) < 0)
        return VAL_ERROR;
    return lib_tensor_wrap(lib_op_amax(self, dims, has ? nd : 0, keep, is_min));
}

static Value m_amax(int nargs, Value *args, const KwArgs *kw) { return amax_amin(nargs, args, kw, "amax", false); }
static Value m_amin(int nargs, Value *args, const KwArgs *kw) { return amax_amin(nargs, args, kw, "amin", true); }

static Value argmax_argmin(int nargs, Value *args, const KwArgs *kw, const char *fname, bool is_min) {
    SELF(fname);
    static const char *const names[] = {"dim", "keepdim"};
    Value a[2];
    int64_t dim;
    bool keep;
    if (BIND(fname, names, 2, a) < 0 || opt_bool(a[1], fname, "keepdim", false, &keep) < 0) return VAL_ERROR;
    if (IS_UNDEF(a[0]) || IS_NONE(a[0])) return lib_tensor_wrap(lib_op_argmax(self, NULL, keep, is_min));
    if (lib_arg_int(a[0], fname, "dim", &dim) < 0) return VAL_ERROR;
    return lib_tensor_wrap(lib_op_argmax(self, &dim, keep, is_min));
}

static Value m_argmax(int nargs, Value *args, const KwArgs *kw) { return argmax_argmin(nargs, args, kw, "argmax", false); }
static Value m_argmin(int nargs, Value *args, const KwArgs *kw) { return argmax_argmin(nargs, args, kw, "argmin", true); }

static Value all_any(int nargs, Value *args, const KwArgs *kw, const char *fname, bool is_any) {
    SELF(fname);
    static const char *const names[] = {"dim", "keepdim"};
    Value a[2];
    int nd;
    int64_t dims[TENSOR_MAX_DIMS];
    bool has, keep;
    if (BIND(fname, names, 2, a) < 0 || lib_arg_dims(a[0], fname, &nd, dims, &has) < 0 ||
        opt_bool(a[1], fname, "keepdim", false, &keep) < 0)
        return VAL_ERROR;
    return lib_tensor_wrap(lib_op_all(self, has ? dims : NULL, nd, keep, is_any));
}

static Value m_all(int nargs, Value *args, const KwArgs *kw) { return all_any(nargs, args, kw, "all", false); }
static Value m_any(int nargs, Value *args, const KwArgs *kw) { return all_any(nargs, args, kw, "any", true); }

static Value m_count_nonzero(int nargs, Value *args, const KwArgs *kw) {
    SELF("count_nonzero");
    static const char *const names[] = {"dim"};
    Value a[1];
    int nd;
    int64_t dims[TENSOR_MAX_DIMS];
    bool has;
    if (BIND("count_nonzero", names, 1, a) < 0 || lib_arg_dims(a[0], "count_nonzero", &nd, dims, &has) < 0)
        return VAL_ERROR;
    return lib_tensor_wrap(lib_op_count_nonzero(self, has ? dims : NULL, nd));
}

// ---------------------------------------------------------------- norms

// p as a number or one of 'fro' (2) / 'nuc'; *p_str set for strings.
static int norm_p(Value v, const char *fname, double *p, const char **p_str) {
    *p_str = NULL;
    if (IS_UNDEF(v) || IS_NONE(v)) {
        *p = 2;
        return 0;
    }
    if (val_is_str(v)) {
        *p_str = val_cstr(v);
        if (strcmp(*p_str, "fro") == 0) {
            *p = 2;
            return 0;
        }
        if (strcmp(*p_str, "nuc") == 0) return 0;
        return tl_raise_int(ERR_RUNTIME, "%s(): unknown norm type '%s'", fname, *p_str);
    }
    return lib_arg_double(v, fname, "p", p);
}

static Value m_norm(int nargs, Value *args, const KwArgs *kw) {
    SELF("norm");
    static const char *const names[] = {"p", "dim", "keepdim", "dtype"};
    Value a[4];
    double p;
    const char *ps;
    int nd, dtype;
    int64_t dims[TENSOR_MAX_DIMS];
    bool has, keep;
    if (BIND("norm", names, 3, a) < 0 || norm_p(a[0], "norm", &p, &ps) < 0 ||
        lib_arg_dims(a[1], "norm", &nd, dims, &has) < 0 || opt_bool(a[2], "norm", "keepdim", false, &keep) < 0 ||
        opt_dtype(a[3], "norm", &dtype) < 0)
        return VAL_ERROR;
    if (ps && strcmp(ps, "nuc") == 0) return lib_tensor_wrap(lib_op_matrix_norm(self, "nuc", 0, has ? dims : NULL, keep));
    return lib_tensor_wrap(lib_op_norm(self, p, has ? dims : NULL, nd, keep, dtype));
}

static Value m_logsumexp(int nargs, Value *args, const KwArgs *kw) {
    SELF("logsumexp");
    static const char *const names[] = {"dim", "keepdim"};
    Value a[2];
    int nd;
    int64_t dims[TENSOR_MAX_DIMS];
    bool has, keep;
    if (BIND("logsumexp", names, 2, a) < 0 || need(a[0], "logsumexp", "dim") < 0 ||
        lib_arg_dims(a[0], "logsumexp", &nd, dims, &has) < 0 ||
        opt_bool(a[1], "logsumexp", "keepdim", false, &keep) < 0)
        return VAL_ERROR;
    return lib_tensor_wrap(lib_op_logsumexp(self, dims, nd, keep));
}

static Value cum(int nargs, Value *args, const KwArgs *kw, const char *fname, bool is_prod) {
    SELF(fname);
    static const char *const names[] = {"dim", "dtype"};
    Value a[2];
    int64_t dim;
    int dtype;
    if (BIND(fname, names, 1, a) < 0 || need(a[0], fname, "dim") < 0 || lib_arg_int(a[0], fname, "dim", &dim) < 0 ||
        opt_dtype(a[1], fname, &dtype) < 0)
        return VAL_ERROR;
    return lib_tensor_wrap(lib_op_cumsum(self, dim, dtype, is_prod));
}

static Value m_cumsum(int nargs, Value *args, const KwArgs *kw) { return cum(nargs, args, kw, "cumsum", false); }
static Value m_cumprod(int nargs, Value *args, const KwArgs *kw) { return cum(nargs, args, kw, "cumprod", true); }

// ---------------------------------------------------------------- sorting

static Value m_sort(int nargs, Value *args, const KwArgs *kw) {
    SELF("sort");
    static const char *const names[] = {"dim", "descending", "stable"};
    Value a[3];
    int64_t dim;
    bool desc, stable;
    Tensor *v, *i;
    if (BIND("sort", names, 2, a) < 0 || opt_int(a[0], "sort", "dim", -1, &dim) < 0 ||
        opt_bool(a[1], "sort", "descending", false, &desc) < 0 || opt_bool(a[2], "sort", "stable", false, &stable) < 0)
        return VAL_ERROR;
    int rc = lib_op_sort(self, dim, desc, stable, &v, &i);
    return pair(rc, RT_SORT, v, i);
}

static Value m_argsort(int nargs, Value *args, const KwArgs *kw) {
    SELF("argsort");
    static const char *const names[] = {"dim", "descending", "stable"};
    Value a[3];
    int64_t dim;
    bool desc, stable;
    if (BIND("argsort", names, 2, a) < 0 || opt_int(a[0], "argsort", "dim", -1, &dim) < 0 ||
        opt_bool(a[1], "argsort", "descending", false, &desc) < 0 ||
        opt_bool(a[2], "argsort", "stable", false, &stable) < 0)
        return VAL_ERROR;
    return lib_tensor_wrap(lib_op_argsort(self, dim, desc, stable));
}

static Value m_topk(int nargs, Value *args, const KwArgs *kw) {
    SELF("topk");
    static const char *const names[] = {"k", "dim", "largest", "sorted"};
    Value a[4];
    int64_t k, dim;
    bool largest, sorted;
    Tensor *v, *i;
    if (BIND("topk", names, 4, a) < 0 || need(a[0], "topk", "k") < 0 || lib_arg_int(a[0], "topk", "k", &k) < 0 ||
        opt_int(a[1], "topk", "dim", -1, &dim) < 0 || opt_bool(a[2], "topk", "largest", true, &largest) < 0 ||
        opt_bool(a[3], "topk", "sorted", true, &sorted) < 0)
        return VAL_ERROR;
    int rc = lib_op_topk(self, k, dim, largest, sorted, &v, &i);
    return pair(rc, RT_TOPK, v, i);
}

static Value m_kthvalue(int nargs, Value *args, const KwArgs *kw) {
    SELF("kthvalue");
    static const char *const names[] = {"k", "dim", "keepdim"};
    Value a[3];
    int64_t k, dim;
    bool keep;
    Tensor *v, *i;
    if (BIND("kthvalue", names, 3, a) < 0 || need(a[0], "kthvalue", "k") < 0 ||
        lib_arg_int(a[0], "kthvalue", "k", &k) < 0 || opt_int(a[1], "kthvalue", "dim", -1, &dim) < 0 ||
        opt_bool(a[2], "kthvalue", "keepdim", false, &keep) < 0)
        return VAL_ERROR;
    int rc = lib_op_kthvalue(self, k, dim, keep, &v, &i);
    return pair(rc, RT_KTHVALUE, v, i);
}

static Value m_median(int nargs, Value *args, const KwArgs *kw) {
    SELF("median");
    static const char *const names[] = {"dim", "keepdim"};
    Value a[2];
    int64_t dim;
    bool keep;
    Tensor *v, *i;
    if (BIND("median", names, 2, a) < 0) return VAL_ERROR;
    if (IS_UNDEF(a[0]) || IS_NONE(a[0])) return lib_tensor_wrap(lib_op_median(self));
    if (lib_arg_int(a[0], "median", "dim", &dim) < 0 || opt_bool(a[1], "median", "keepdim", false, &keep) < 0)
        return VAL_ERROR;
    int rc = lib_op_median_dim(self, dim, keep, &v, &i);
    return pair(rc, RT_MEDIAN, v, i);
}

static Value m_mode(int nargs, Value *args, const KwArgs *kw) {
    SELF("mode");
    static const char *const names[] = {"dim", "keepdim"};
    Value a[2];
    int64_t dim;
    bool keep;
    Tensor *v, *i;
    if (BIND("mode", names, 2, a) < 0 || opt_int(a[0], "mode", "dim", -1, &dim) < 0 ||
        opt_bool(a[1], "mode", "keepdim", false, &keep) < 0)
        return VAL_ERROR;
    int rc = lib_op_mode(self, dim, keep, &v, &i);
    return pair(rc, RT_MODE, v, i);
}

static Value m_unique(int nargs, Value *args, const KwArgs *kw) {
    SELF("unique");
    static const char *const names[] = {"sorted", "return_inverse", "return_counts", "dim"};
    Value a[4];
    bool sorted, inv, cnt;
    if (BIND("unique", names, 4, a) < 0 || opt_bool(a[0], "unique", "sorted", true, &sorted) < 0 ||
        opt_bool(a[1], "unique", "return_inverse", false, &inv) < 0 ||
        opt_bool(a[2], "unique", "return_counts", false, &cnt) < 0)
        return VAL_ERROR;
    if (!IS_UNDEF(a[3]) && !IS_NONE(a[3]))
        return exc_raise(exc_class_for_kind(ERR_NOT_IMPLEMENTED), "unique(dim=...) is not supported by tl");
    Tensor *out, *inverse = NULL, *counts = NULL;
    if (lib_op_unique(self, sorted, &out, inv ? &inverse : NULL, cnt ? &counts : NULL) < 0) return VAL_ERROR;
    if (!inv && !cnt) return lib_tensor_wrap(out);
    Tensor *ts[3];
    int n = 0;
    ts[n++] = out;
    if (inv) ts[n++] = inverse;
    if (cnt) ts[n++] = counts;
    return lib_tuple_of_tensors(ts, n);
}

// ---------------------------------------------------------------- index ops

static int dim_index(const char *fname, int nargs, Value *args, const KwArgs *kw, int64_t *dim, Tensor **index,
                     Value *third, const char *third_name) {
    const char *const names[] = {"dim", "index", third_name ? third_name : "src", "reduce"};
    Value a[4];
    if (LIB_BIND(fname, nargs - 1, args + 1, kw, names, third_name ? 3 : 2, a) < 0 || need(a[0], fname, "dim") < 0 ||
        need(a[1], fname, "index") < 0 || lib_arg_int(a[0], fname, "dim", dim) < 0 ||
        lib_arg_tensor(a[1], fname, "index", 3, index) < 0)
        return -1;
    if (third) {
        third[0] = a[2];
        third[1] = a[3];
    }
    return 0;
}

static Value m_index_select(int nargs, Value *args, const KwArgs *kw) {
    SELF("index_select");
    int64_t dim;
    Tensor *index;
    if (dim_index("index_select", nargs, args, kw, &dim, &index, NULL, NULL) < 0) return VAL_ERROR;
    return lib_tensor_wrap(lib_op_index_select(self, dim, index));
}

static Value m_gather(int nargs, Value *args, const KwArgs *kw) {
    SELF("gather");
    int64_t dim;
    Tensor *index;
    if (dim_index("gather", nargs, args, kw, &dim, &index, NULL, NULL) < 0) return VAL_ERROR;
    return lib_tensor_wrap(lib_op_gather(self, dim, index));
}

static int scatter_reduce_mode(Value v, ScatterReduce *out) {
    *out = SCATTER_NONE;
    if (IS_UNDEF(v) || IS_NONE(v)) return 0;
    const char *s = val_is_str(v) ? val_cstr(v) : "";
    if (strcmp(s, "add") == 0) *out = SCATTER_ADD;
    else if (strcmp(s, "multiply") == 0) *out = SCATTER_MULTIPLY;
    else return tl_raise_int(ERR_RUNTIME, "reduce argument must be either add or multiply.");
    return 0;
}

static Value scatter(int nargs, Value *args, const KwArgs *kw, const char *fname, bool inplace, bool add) {
    SELF(fname);
    int64_t dim;
    Tensor *index;
    Value extra[2];
    ScatterReduce red;
    if (dim_index(fname, nargs, args, kw, &dim, &index, extra, "src") < 0) return VAL_ERROR;
    for (int k = 0; kw && k < kw->n; k++)
        if (strcmp(kw->names[k]->data, "value") == 0) extra[0] = kw->values[k];
    if (need(extra[0], fname, "src") < 0 || scatter_reduce_mode(extra[1], &red) < 0) return VAL_ERROR;
    if (add) {
        Tensor *src;
        if (lib_arg_tensor(extra[0], fname, "src", 4, &src) < 0) return VAL_ERROR;
        if (inplace) return lib_ret_self(lib_op_scatter_add_(self, dim, index, src), args);
        return lib_tensor_wrap(lib_op_scatter_add(self, dim, index, src));
    }
    if (lib_is_tensor(extra[0])) {
        Tensor *src = lib_tensor(extra[0]);
        if (inplace) return lib_ret_self(lib_op_scatter_(self, dim, index, src, red), args);
        return lib_tensor_wrap(lib_op_scatter(self, dim, index, src, red));
    }
    double v;
    if (lib_arg_double(extra[0], fname, "value", &v) < 0) return VAL_ERROR;
    if (inplace) return lib_ret_self(lib_op_scatter_value_(self, dim, index, v, red), args);
    return lib_tensor_wrap(lib_op_scatter_value(self, dim, index, v, red));
}

static Value m_scatter(int nargs, Value *args, const KwArgs *kw) { return scatter(nargs, args, kw, "scatter", false, false); }
static Value m_scatter_(int nargs, Value *args, const KwArgs *kw) { return scatter(nargs, args, kw, "scatter_", true, false); }
static Value m_scatter_add(int nargs, Value *args, const KwArgs *kw) { return scatter(nargs, args, kw, "scatter_add", false, true); }
static Value m_scatter_add_(int nargs, Value *args, const KwArgs *kw) { return scatter(nargs, args, kw, "scatter_add_", true, true); }

static Value m_masked_select(int nargs, Value *args, const KwArgs *kw) {
    SELF("masked_select");
    static const char *const names[] = {"mask"};
    Value a[1];
    Tensor *mask;
    if (BIND("masked_select", names, 1, a) < 0 || need(a[0], "masked_select", "mask") < 0 ||
        lib_arg_tensor(a[0], "masked_select", "mask", 2, &mask) < 0)
        return VAL_ERROR;
    return lib_tensor_wrap(lib_op_masked_select(self, mask));
}

static Value m_nonzero(int nargs, Value *args, const KwArgs *kw) {
    SELF("nonzero");
    static const char *const names[] = {"as_tuple"};
    Value a[1];
    bool as_tuple;
    if (BIND("nonzero", names, 0, a) < 0 || opt_bool(a[0], "nonzero", "as_tuple", false, &as_tuple) < 0)
        return VAL_ERROR;
    if (!as_tuple) return lib_tensor_wrap(tensor_nonzero(self));
    Tensor *cols[TENSOR_MAX_DIMS];
    int n = tensor_nonzero_tuple(self, cols);
    return n < 0 ? VAL_ERROR : lib_tuple_of_tensors(cols, n);
}

static Value m_take(int nargs, Value *args, const KwArgs *kw) {
    SELF("take");
    static const char *const names[] = {"index"};
    Value a[1];
    Tensor *index;
    if (BIND("take", names, 1, a) < 0 || need(a[0], "take", "index") < 0 ||
        lib_arg_tensor(a[0], "take", "index", 2, &index) < 0)
        return VAL_ERROR;
    return lib_tensor_wrap(lib_op_take(self, index));
}

// ---------------------------------------------------------------- torch.linalg

static Value linalg_vector_norm(int nargs, Value *args, const KwArgs *kw) {
    SELF("linalg_vector_norm");
    static const char *const names[] = {"ord", "dim", "keepdim", "dtype"};
    Value a[4];
    double ord = 2;
    int nd, dtype;
    int64_t dims[TENSOR_MAX_DIMS];
    bool has, keep;
    if (BIND("linalg_vector_norm", names, 3, a) < 0 ||
        (!IS_UNDEF(a[0]) && lib_arg_double(a[0], "linalg_vector_norm", "ord", &ord) < 0) ||
        lib_arg_dims(a[1], "linalg_vector_norm", &nd, dims, &has) < 0 ||
        opt_bool(a[2], "linalg_vector_norm", "keepdim", false, &keep) < 0 ||
        opt_dtype(a[3], "linalg_vector_norm", &dtype) < 0)
        return VAL_ERROR;
    return lib_tensor_wrap(lib_op_vector_norm(self, ord, has ? dims : NULL, nd, keep, dtype));
}

static Value linalg_matrix_norm(int nargs, Value *args, const KwArgs *kw) {
    SELF("linalg_matrix_norm");
    static const char *const names[] = {"ord", "dim", "keepdim"};
    Value a[3];
    double ord = 0;
    const char *os = "fro";
    int nd;
    int64_t dims[TENSOR_MAX_DIMS];
    bool has, keep;
    if (BIND("linalg_matrix_norm", names, 3, a) < 0 || lib_arg_dims(a[1], "linalg_matrix_norm", &nd, dims, &has) < 0 ||
        opt_bool(a[2], "linalg_matrix_norm", "keepdim", false, &keep) < 0)
        return VAL_ERROR;
    if (!IS_UNDEF(a[0])) {
        if (val_is_str(a[0])) os = val_cstr(a[0]);
        else if (lib_arg_double(a[0], "linalg_matrix_norm", "ord", &ord) < 0) return VAL_ERROR;
        else os = NULL;
    }
    return lib_tensor_wrap(lib_op_matrix_norm(self, os, ord, has && nd == 2 ? dims : NULL, keep));
}

static Value linalg_norm(int nargs, Value *args, const KwArgs *kw) {
    SELF("linalg_norm");
    static const char *const names[] = {"ord", "dim", "keepdim", "out", "dtype"};
    Value a[5];
    double ord = 0;
    const char *os = NULL;
    int nd;
    int64_t dims[TENSOR_MAX_DIMS];
    bool has, keep, has_ord;
    if (BIND("linalg_norm", names, 3, a) < 0 || lib_arg_dims(a[1], "linalg_norm", &nd, dims, &has) < 0 ||
        opt_bool(a[2], "linalg_norm", "keepdim", false, &keep) < 0)
        return VAL_ERROR;
    has_ord = !IS_UNDEF(a[0]) && !IS_NONE(a[0]);
    if (has_ord) {
        if (val_is_str(a[0])) os = val_cstr(a[0]);
        else if (lib_arg_double(a[0], "linalg_norm", "ord", &ord) < 0) return VAL_ERROR;
    }
    return lib_return_out(a[3], lib_op_linalg_norm(self, has_ord, os, ord, has ? dims : NULL, nd, keep));
}

ObjModule *lib_torch_linalg_module(void) {
    ObjModule *m = module_new("torch.linalg");
    if (!m) return NULL;
    module_add_fn(m, "norm", linalg_norm, NULL);
    module_add_fn(m, "vector_norm", linalg_vector_norm, NULL);
    module_add_fn(m, "matrix_norm", linalg_matrix_norm, NULL);
    return m;
}

const NativeMethodDef lib_tensor_methods_reduce[] = {
    {"sum", m_sum, NULL}, {"mean", m_mean, NULL}, {"prod", m_prod, NULL},
    {"var", m_var, NULL}, {"std", m_std, NULL},
    {"max", m_max, NULL}, {"min", m_min, NULL}, {"amax", m_amax, NULL}, {"amin", m_amin, NULL},
    {"argmax", m_argmax, NULL}, {"argmin", m_argmin, NULL}, {"all", m_all, NULL}, {"any", m_any, NULL},
    {"count_nonzero", m_count_nonzero, NULL}, {"norm", m_norm, NULL}, {"logsumexp", m_logsumexp, NULL},
    {"cumsum", m_cumsum, NULL}, {"cumprod", m_cumprod, NULL},
    {"sort", m_sort, NULL}, {"argsort", m_argsort, NULL}, {"topk", m_topk, NULL},
    {"kthvalue", m_kthvalue, NULL}, {"median", m_median, NULL}, {"mode", m_mode, NULL},
    {"unique", m_unique, NULL},
    {"index_select", m_index_select, NULL}, {"gather", m_gather, NULL},
    {"scatter", m_scatter, NULL}, {"scatter_", m_scatter_, NULL},
    {"scatter_add", m_scatter_add, NULL}, {"scatter_add_", m_scatter_add_, NULL},
    {"masked_select", m_masked_select, NULL}, {"nonzero", m_nonzero, NULL}, {"take", m_take, NULL},
    {NULL, NULL, NULL},
};

const NativeMethodDef lib_torch_fns_reduce[] = {
    {"sum", m_sum, NULL}, {"mean", m_mean, NULL}, {"prod", m_prod, NULL},
    {"var", m_var, NULL}, {"std", m_std, NULL}, {"var_mean", f_var_mean, NULL}, {"std_mean", f_std_mean, NULL},
    {"max", m_max, NULL}, {"min", m_min, NULL}, {"amax", m_amax, NULL}, {"amin", m_amin, NULL},
    {"argmax", m_argmax, NULL}, {"argmin", m_argmin, NULL}, {"all", m_all, NULL}, {"any", m_any, NULL},
    {"count_nonzero", m_count_nonzero, NULL}, {"norm", m_norm, NULL}, {"logsumexp", m_logsumexp, NULL},
    {"cumsum", m_cumsum, NULL}, {"cumprod", m_cumprod, NULL},
    {"sort", m_sort, NULL}, {"argsort", m_argsort, NULL}, {"topk", m_topk, NULL},
    {"kthvalue", m_kthvalue, NULL}, {"median", m_median, NULL}, {"mode", m_mode, NULL},
    {"unique", m_unique, NULL},
    {"index_select", m_index_select, NULL}, {"gather", m_gather, NULL},
    {"scatter", m_scatter, NULL}, {"scatter_add", m_scatter_add, NULL},
    {"masked_select", m_masked_select, NULL}, {"nonzero", m_nonzero, NULL}, {"take", m_take, NULL},
    {NULL, NULL, NULL},
};
