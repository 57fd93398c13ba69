// The index ops: index_select, gather, scatter (tensor or scalar source,
// optional add/multiply reduction), scatter_add, take, masked_select and
// nonzero. Kernels walk the index tensor with an odometer over up to three
// strided operands and move elements as raw bytes, so one loop serves
// every dtype; only the reductions look at values.
#include "tensor/index.h"

#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "tensor/convert.h"
#include "tensor/iter.h"
#include "tensor/ops.h"
#include "tensor/reduce.h"
#include "tensor/shape.h"
#include "tensor/storage.h"

// Row-major walk over [shape] keeping one element offset per operand.
typedef struct {
    int nd, nops;
    int64_t shape[TENSOR_MAX_DIMS], idx[TENSOR_MAX_DIMS];
    int64_t st[3][TENSOR_MAX_DIMS], off[3];
} Odo;

static void odo_init(Odo *o, int nd, const int64_t *shape, int nops,
                     const int64_t *const *strides) {
    memset(o, 0, sizeof *o);
    o->nd = nd;
    o->nops = nops;
    memcpy(o->shape, shape, sizeof(int64_t) * (size_t)nd);
    for (int k = 0; k < nops; k++) memcpy(o->st[k], strides[k], sizeof(int64_t) * (size_t)nd);
}

static bool odo_next(Odo *o) {
    for (int d = o->nd - 1; d >= 0; d--) {
        for (int k = 0; k < o->nops; k++) o->off[k] += o->st[k][d];
        if (++o->idx[d] < o->shape[d]) return true;
        for (int k = 0; k < o->nops; k++) o->off[k] -= o->st[k][d] * o->shape[d];
        o->idx[d] = 0;
    }
    return false;
}

static int64_t numel_of(int nd, const int64_t *shape) {
    int64_t n = 1;
    for (int d = 0; d < nd; d++) n *= shape[d];
    return n;
}

static int64_t index_at(const Tensor *index, int64_t off) {
    return reduce_load_i64((const char *)tensor_data(index) + off * (int64_t)dtype_size(index->dtype),
                           index->dtype);
}

// Size and stride of [dim] (a 0-d tensor acts as one element).
static int64_t dim_size(const Tensor *t, int64_t dim) { return t->ndim ? t->shape[dim] : 1; }
static int64_t dim_stride(const Tensor *t, int64_t dim) { return t->ndim ? t->strides[dim] : 0; }

// ---- index_select ----

// out: x's shape with [dim] replaced by len(index); i[0] = dim.
int cpu_index_select(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    const Tensor *x = in[0], *index = in[1];
    int64_t dim = args->i[0], L = tensor_numel(index), size = dim_size(x, dim);
    int64_t ist = index->ndim ? index->strides[0] : 0, es = (int64_t)dtype_size(x->dtype);
    int nin = x->ndim ? x->ndim - (int)dim - 1 : 0;
    const int64_t *ishape = x->shape + dim + 1, *istride = x->strides + dim + 1;
    int64_t inner = numel_of(nin, ishape);
    for (int64_t i = 0; i < L; i++) {       // check every index once, before writing
        int64_t v = index_at(index, i * ist);
        if (v < 0 || v >= size) {
            if (dim == 1 && x->ndim > 1)
                return tl_raise_int(ERR_RUNTIME, "INDICES element is out of DATA bounds, id=%lld "
                                    "axis_dim=%lld", (long long)v, (long long)size);
            return tl_raise_int(ERR_INDEX, "index out of range in self");
        }
    }
    if (tensor_numel(out) == 0) return 0;
    Odo o;
    const int64_t *st[1] = {x->strides};
    odo_init(&o, x->ndim ? (int)dim : 0, x->shape, 1, st);
    char *dst = tensor_data(out);
    const char *src = tensor_data(x);
    do {
        for (int64_t i = 0; i < L; i++, dst += inner * es) {
            int64_t v = index_at(index, i * ist);
            reduce_strided_copy(dst, src + (o.off[0] + v * dim_stride(x, dim)) * es, nin, ishape,
                                istride, (size_t)es);
        }
    } while (odo_next(&o));
    return 0;
}

Tensor *tensor_index_select(const Tensor *x, int64_t dim, const Tensor *index) {
    int64_t d;
    if (reduce_wrap_dim(dim, x->ndim, &d) < 0) return NULL;
    if (index->ndim > 1)
        return tl_raise(ERR_INDEX, "index_select(): Index is supposed to be a vector");
    if (index->dtype != DT_I64 && index->dtype != DT_I32)
        return tl_raise(ERR_RUNTIME, "index_select(): Expected dtype int32 or int64 for index");
    int64_t shape[TENSOR_MAX_DIMS];
    memcpy(shape, x->shape, sizeof shape);
    if (x->ndim) shape[d] = tensor_numel(index);
    Tensor *out = tensor_empty(x->ndim, shape, x->dtype);
    OpArgs a = {0};
    a.i[0] = d;
    if (out && op_run(OP_INDEX_SELECT, out, (const Tensor *const[]){x, index}, &a) < 0) {
        tensor_release(out);
        return NULL;
    }
    return out;
}

// ---- gather ----

// out: index's shape; out[p] = x[p with p[dim] = index[p]]; i[0] = dim.
int cpu_gather(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    const Tensor *x = in[0], *index = in[1];
    int64_t dim = args->i[0], size = dim_size(x, dim), es = (int64_t)dtype_size(x->dtype);
    if (tensor_numel(index) == 0) return 0;
    int64_t xst[TENSOR_MAX_DIMS], ost[TENSOR_MAX_DIMS];
    memcpy(xst, x->strides, sizeof xst);
    if (x->ndim) xst[dim] = 0;
    tensor_contiguous_strides(out->ndim, out->shape, ost);
    Odo o;
    const int64_t *st[3] = {index->strides, xst, ost};
    odo_init(&o, index->ndim, index->shape, 3, st);
    char *dst = tensor_data(out);
    const char *src = tensor_data(x);
    do {
        int64_t v = index_at(index, o.off[0]);
        if (v < 0 || v >= size)
            return tl_raise_int(ERR_RUNTIME, "index %lld is out of bounds for dimension %lld with "
                                "size %lld", (long long)v, (long long)dim, (long long)size);
        memcpy(dst + o.off[2] * es, src + (o.off[1] + v * dim_stride(x, dim)) * es, (size_t)es);
    } while (odo_next(&o));
    return 0;
}

// PyTorch's gather/scatter shape check: index no larger than self apart
// from [dim] (and, with a source, no larger than src anywhere).
static int check_sizes(const Tensor *x, int64_t dim, const Tensor *index, const Tensor *src,
                       bool gather) {
    char is[128], xs[128], ss[128];
    tensor_shape_fmt(is, sizeof is, index->ndim, index->shape);
    tensor_shape_fmt(xs, sizeof xs, x->ndim, x->shape);
    for (int d = 0; d < index->ndim; d++) {
        bool bad_self = d != dim && index->shape[d] > x->shape[d];
        bool bad_src = src && index->shape[d] > src->shape[d];
        if (gather && bad_self)
            return tl_raise_int(ERR_RUNTIME, "Size does not match at dimension %d expected index "
                                "%s to be smaller than self %s apart from dimension %lld", d, is,
                                xs, (long long)dim);
        if (!gather && src && (bad_self || bad_src))
            return tl_raise_int(ERR_RUNTIME, "Expected index %s to be smaller than self %s apart "
                                "from dimension %lld and to be smaller size than src %s", is, xs,
                                (long long)dim,
                                tensor_shape_fmt(ss, sizeof ss, src->ndim, src->shape));
        if (!gather && !src && bad_self)
            return tl_raise_int(ERR_RUNTIME, "Expected index %s to be smaller than self %s apart "
                                "from dimension %lld", is, xs, (long long)dim);
    }
    return 0;
}

Tensor *tensor_gather(const Tensor *x, int64_t dim, const Tensor *index) {
    int64_t d;
    if (reduce_wrap_dim(dim, x->ndim, &d) < 0) return NULL;
    if (index->dtype != DT_I64)
        return tl_raise(ERR_RUNTIME, "gather(): Expected dtype int64 for index");
    if (index->ndim != x->ndim && !(index->ndim <= 1 && x->ndim <= 1))
        return tl_raise(ERR_RUNTIME, "Index tensor must have the same number of dimensions as "
                        "input tensor");
    if (check_sizes(x, d, index, NULL, true) < 0) return NULL;
    Tensor *out = tensor_empty(index->ndim, index->shape, x->dtype);
    OpArgs a = {0};
    a.i[0] = d;
    if (out && op_run(OP_GATHER, out, (const Tensor *const[]){x, index}, &a) < 0) {
        tensor_release(out);
        return NULL;
    }
    return out;
}

// ---- scatter ----

// Combines source element [s] into [p] (both of dtype [dt]) by [mode].
static void combine(char *p, const char *s, DType dt, int mode, size_t es) {
    if (mode == SCATTER_NONE) { memcpy(p, s, es); return; }
    if (dtype_is_floating(dt)) {
        double a = tensor_read(p, dt), b = tensor_read(s, dt);
        tensor_write(p, dt, mode == SCATTER_ADD ? a + b : a * b);
    } else {
        uint64_t a = (uint64_t)reduce_load_i64(p, dt), b = (uint64_t)reduce_load_i64(s, dt);
        reduce_store_i64(p, dt, (int64_t)(mode == SCATTER_ADD ? a + b : a * b));
    }
}

// out = x (unless out is x), then out[p with p[dim] = index[p]] <- src[p]
// (or the scalar [value] when [src] is NULL), combined by [mode].
static int scatter_kernel(Tensor *out, const Tensor *x, const Tensor *index, const Tensor *src,
                          double value, int64_t dim, int mode) {
    if (out != x && tensor_copy_(out, x) < 0) return -1;
    if (tensor_numel(index) == 0) return 0;
    int64_t size = dim_size(out, dim), es = (int64_t)dtype_size(out->dtype);
    int64_t ost[TENSOR_MAX_DIMS], zero[TENSOR_MAX_DIMS] = {0};
    memcpy(ost, out->strides, sizeof ost);
    if (out->ndim) ost[dim] = 0;
    _Alignas(8) char scalar[8];
    if (!src) tensor_write(scalar, out->dtype, value);
    Odo o;
    const int64_t *st[3] = {index->strides, ost, src ? src->strides : zero};
    odo_init(&o, index->ndim, index->shape, 3, st);
    char *dst = tensor_data(out);
    const char *sp = src ? tensor_data(src) : scalar;
    do {
        int64_t v = index_at(index, o.off[0]);
        if (v < 0 || v >= size)
            return tl_raise_int(ERR_RUNTIME, "index %lld is out of bounds for dimension %lld with "
                                "size %lld", (long long)v, (long long)dim, (long long)size);
        combine(dst + (o.off[1] + v * dim_stride(out, dim)) * es, sp + o.off[2] * es, out->dtype,
                mode, (size_t)es);
    } while (odo_next(&o));
    storage_bump_version(out->storage);
    return 0;
}

// in: x, index, src; i[0] dim; mode: ScatterReduce.
int cpu_scatter(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    return scatter_kernel(out, in[0], in[1], in[2], 0, args->i[0], args->mode);
}
// in: x, index; s[0] value.
int cpu_scatter_value(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    return scatter_kernel(out, in[0], in[1], NULL, args->s[0], args->i[0], args->mode);
}
int cpu_scatter_add(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    return scatter_kernel(out, in[0], in[1], in[2], 0, args->i[0], SCATTER_ADD);
}

static int scatter_check(const Tensor *x, int64_t dim, int64_t *d, const Tensor *index,
                         const Tensor *src) {
    if (reduce_wrap_dim(dim, x->ndim, d) < 0) return -1;
    if (index->dtype != DT_I64)
        return tl_raise_int(ERR_RUNTIME, "scatter(): Expected dtype int64 for index");
    if (src && src->dtype != x->dtype)
        return tl_raise_int(ERR_RUNTIME, "scatter(): Expected self.dtype to be equal to src.dtype");
    if (index->ndim != x->ndim && !(index->ndim <= 1 && x->ndim <= 1))
        return tl_raise_int(ERR_RUNTIME, "Index tensor must have the same number of dimensions as "
                            "self tensor");
    if (src && src->ndim != index->ndim && !(index->ndim <= 1 && src->ndim <= 1))
        return tl_raise_int(ERR_RUNTIME, "Index tensor must have the same number of dimensions as "
                            "src tensor");
    return check_sizes(x, *d, index, src, false);
}

// Runs a scatter row into [out] (a fresh tensor, or x itself in place).
static int scatter_run(OpCode op, Tensor *out, const Tensor *x, int64_t dim, const Tensor *index,
                       const Tensor *src, double value, ScatterReduce reduce) {
    int64_t d;
    if (scatter_check(x, dim, &d, index, src) < 0) return -1;
    OpArgs a = {0};
    a.i[0] = d;
    a.s[0] = value;
    a.mode = reduce;
    return op_run(op, out, (const Tensor *const[]){x, index, src}, &a);
}

static Tensor *scatter_new(OpCode op, const Tensor *x, int64_t dim, const Tensor *index,
                           const Tensor *src, double value, ScatterReduce reduce) {
    Tensor *out = tensor_empty(x->ndim, x->shape, x->dtype);
    if (out && scatter_run(op, out, x, dim, index, src, value, reduce) < 0) {
        tensor_release(out);
        return NULL;
    }
    return out;
}

Tensor *tensor_scatter(const Tensor *x, int64_t dim, const Tensor *index, const Tensor *src,
                       ScatterReduce reduce) {
    return scatter_new(OP_SCATTER, x, dim, index, src, 0, reduce);
}

Tensor *tensor_scatter_value(const Tensor *x, int64_t dim, const Tensor *index, double value,
                             ScatterReduce reduce) {
    return scatter_new(OP_SCATTER_VALUE, x, dim, index, NULL, value, reduce);
}

Tensor *tensor_scatter_add(const Tensor *x, int64_t dim, const Tensor *index, const Tensor *src) {
    return scatter_new(OP_SCATTER_ADD, x, dim, index, src, 0, SCATTER_ADD);
}

int tensor_scatter_(Tensor *x, int64_t dim, const Tensor *index, const Tensor *src,
                    ScatterReduce reduce) {
    return scatter_run(OP_SCATTER, x, x, dim, index, src, 0, reduce);
}

int tensor_scatter_value_(Tensor *x, int64_t dim, const Tensor *index, double value,
                          ScatterReduce reduce) {
    return scatter_run(OP_SCATTER_VALUE, x, x, dim, index, NULL, value, reduce);
}

int tensor_scatter_add_(Tensor *x, int64_t dim, const Tensor *index, const Tensor *src) {
    return scatter_run(OP_SCATTER_ADD, x, x, dim, index, src, 0, SCATTER_ADD);
}

// ---- take ----

// out: index's shape; out[p] = x.flatten()[index[p]].
int cpu_take(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    (void)args;
    const Tensor *x = in[0], *index = in[1];
    int64_t n = tensor_numel(x), es = (int64_t)dtype_size(x->dtype);
    if (tensor_numel(index) == 0) return 0;
    Odo o;
    const int64_t *st[1] = {index->strides};
    odo_init(&o, index->ndim, index->shape, 1, st);
    char *dst = tensor_data(out);
    const char *base = x->storage->data;
    do {
        int64_t v = index_at(index, o.off[0]);
        if (v < -n || v >= n)
            return tl_raise_int(ERR_INDEX, "out of range: tried to access index %lld on a tensor of "
                                "%lld elements.", (long long)v, (long long)n);
        memcpy(dst, base + tensor_flat_offset(x, v < 0 ? v + n : v) * es, (size_t)es);
        dst += es;
    } while (odo_next(&o));
    return 0;
}

Tensor *tensor_take(const Tensor *x, const Tensor *index) {
    if (index->dtype != DT_I64)
        return tl_raise(ERR_RUNTIME, "take(): Expected a long tensor for index, but got %s",
                        reduce_type_name(index->dtype));
    Tensor *out = tensor_empty(index->ndim, index->shape, x->dtype);
    OpArgs a = {0};
    if (out && op_run(OP_TAKE, out, (const Tensor *const[]){x, index}, &a) < 0) {
        tensor_release(out);
        return NULL;
    }
    return out;
}

// ---- nonzero / masked_select ----

static bool nonzero_at(const char *p, DType dt) {
    return dtype_is_floating(dt) ? tensor_read(p, dt) != 0 : reduce_load_i64(p, dt) != 0;
}

// Counts the nonzeros of [x] and, when [coords] is given, writes their
// coordinates row by row ([x]'s ndim per row).
static int64_t scan_nonzero(const Tensor *x, int64_t *coords) {
    int64_t n = 0, es = (int64_t)dtype_size(x->dtype);
    if (tensor_numel(x) == 0) return 0;
    Odo o;
    const int64_t *st[1] = {x->strides};
    odo_init(&o, x->ndim, x->shape, 1, st);
    const char *p = tensor_data(x);
    do {
        if (!nonzero_at(p + o.off[0] * es, x->dtype)) continue;
        if (coords) memcpy(coords + n * x->ndim, o.idx, sizeof(int64_t) * (size_t)x->ndim);
        n++;
    } while (odo_next(&o));
    return n;
}

Tensor *tensor_nonzero(const Tensor *x) {
    int64_t shape[2] = {scan_nonzero(x, NULL), x->ndim};
    Tensor *out = tensor_empty(2, shape, DT_I64);
    if (out) scan_nonzero(x, tensor_data(out));
    return out;
}

int tensor_nonzero_tuple(const Tensor *x, Tensor **out) {
    Tensor *nz = tensor_nonzero(x);
    if (!nz) return -1;
    int64_t n = nz->shape[0];
    int nd = x->ndim ? x->ndim : 1;
    for (int d = 0; d < nd; d++) {
        if (!(out[d] = tensor_empty(1, &n, DT_I64))) {
            for (int k = 0; k < d; k++) tensor_release(out[k]);
            tensor_release(nz);
            return -1;
        }
        int64_t *dst = tensor_data(out[d]);
        const int64_t *src = tensor_data(nz);
        for (int64_t i = 0; i < n; i++) dst[i] = x->ndim ? src[i * x->ndim + d] : 0;
    }
    tensor_release(nz);
    return nd;
}

Tensor *tensor_masked_select(const Tensor *x, const Tensor *mask) {
    if (mask->dtype != DT_BOOL && mask->dtype != DT_U8)
        return tl_raise(ERR_RUNTIME, "masked_select: expected BoolTensor or ByteTensor for mask");
    int nd;
    int64_t shape[TENSOR_MAX_DIMS];
    if (iter_broadcast_shape(2, (const Tensor *const[]){x, mask}, &nd, shape) < 0) return NULL;
    Tensor *xe = tensor_expand(x, nd, shape), *me = xe ? tensor_expand(mask, nd, shape) : NULL;
    Tensor *out = NULL;
    if (!me) goto done;
    int64_t n = scan_nonzero(me, NULL), es = (int64_t)dtype_size(x->dtype);
    if (!(out = tensor_empty(1, &n, x->dtype)) || n == 0) goto done;
    Odo o;
    const int64_t *st[2] = {xe->strides, me->strides};
    odo_init(&o, nd, shape, 2, st);
    char *dst = tensor_data(out);
    const char *px = tensor_data(xe), *pm = tensor_data(me);
    do {
        if (!nonzero_at(pm + o.off[1] * (int64_t)dtype_size(me->dtype), me->dtype)) continue;
        memcpy(dst, px + o.off[0] * es, (size_t)es);
        dst += es;
    } while (odo_next(&o));
done:
    tensor_release(xe);
    tensor_release(me);
    return out;
}
