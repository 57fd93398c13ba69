// Reductions (sum, mean, prod, var/std, max/min, arg*, all/any, norm,
// logsumexp), scans (cumsum, cumprod) and sorting-based ops (sort, argsort,
// topk, kthvalue, median, mode, unique) on CPU tensors of any layout, with
// PyTorch 1.13's dtype rules, NaN handling and error messages.
// Every function borrows its inputs and returns new references, or NULL / -1
// with a pending error (common/error.h); on failure no output is set.
#ifndef TL_TENSOR_REDUCE_H
#define TL_TENSOR_REDUCE_H

#include "tensor/half.h"
#include "tensor/ops.h"
#include "tensor/tensor.h"

// [dtype] arguments: a DType, or REDUCE_NO_DTYPE for PyTorch's default.
#define REDUCE_NO_DTYPE (-1)

// Dim lists: [dims] NULL (dim=None) or [ndims] 0 (dim=[]) reduces every dim,
// as PyTorch 1.13 does for both. Dims may be negative; a repeated dim raises
// "dim 0 appears multiple times in the list of dims".

// sum: bool and integer inputs sum to int64; [dtype] casts the input first.
Tensor *tensor_sum(const Tensor *x, const int64_t *dims, int ndims, bool keepdim, int dtype);
// mean: floating inputs only (or a floating [dtype]).
Tensor *tensor_mean(const Tensor *x, const int64_t *dims, int ndims, bool keepdim, int dtype);
// prod: [dim] NULL for the full product; integer inputs give int64.
Tensor *tensor_prod(const Tensor *x, const int64_t *dim, bool keepdim, int dtype);
// var/std divide by max(0, N - [correction]) (unbiased=True is correction 1).
Tensor *tensor_var(const Tensor *x, const int64_t *dims, int ndims, double correction, bool keepdim);
Tensor *tensor_std(const Tensor *x, const int64_t *dims, int ndims, double correction, bool keepdim);
// var_mean/std_mean: sets *[out0] (var or std) and *[mean]; returns 0 or -1.
int tensor_var_mean(const Tensor *x, const int64_t *dims, int ndims, double correction,
                    bool keepdim, Tensor **var, Tensor **mean);
int tensor_std_mean(const Tensor *x, const int64_t *dims, int ndims, double correction,
                    bool keepdim, Tensor **std, Tensor **mean);

// max()/min() of all elements as a 0-d tensor; NaN wins (propagates).
Tensor *tensor_max(const Tensor *x);
Tensor *tensor_min(const Tensor *x);
// max(dim)/min(dim): values and int64 indices (first occurrence; first NaN).
int tensor_max_dim(const Tensor *x, int64_t dim, bool keepdim, Tensor **values, Tensor **indices);
int tensor_min_dim(const Tensor *x, int64_t dim, bool keepdim, Tensor **values, Tensor **indices);
Tensor *tensor_amax(const Tensor *x, const int64_t *dims, int ndims, bool keepdim);
Tensor *tensor_amin(const Tensor *x, const int64_t *dims, int ndims, bool keepdim);
// argmax/argmin: [dim] NULL indexes the flattened tensor.
Tensor *tensor_argmax(const Tensor *x, const int64_t *dim, bool keepdim);
Tensor *tensor_argmin(const Tensor *x, const int64_t *dim, bool keepdim);
// all/any give bool (uint8 for uint8 inputs, as PyTorch 1.13 does).
Tensor *tensor_all(const Tensor *x, const int64_t *dims, int ndims, bool keepdim);
Tensor *tensor_any(const Tensor *x, const int64_t *dims, int ndims, bool keepdim);
Tensor *tensor_count_nonzero(const Tensor *x, const int64_t *dims, int ndims);

// torch.norm / linalg.vector_norm: sum(|x|^p)^(1/p); p = INFINITY, -INFINITY
// and 0 (count of nonzeros) as in PyTorch; 'fro' is p = 2. Floating only.
Tensor *tensor_norm(const Tensor *x, double p, const int64_t *dims, int ndims, bool keepdim,
                    int dtype);
// log(sum(exp(x))) computed stably; integer inputs give the default float.
Tensor *tensor_logsumexp(const Tensor *x, const int64_t *dims, int ndims, bool keepdim);

// Inclusive scans along [dim]; integer inputs give int64 unless [dtype].
Tensor *tensor_cumsum(const Tensor *x, int64_t dim, int dtype);
Tensor *tensor_cumprod(const Tensor *x, int64_t dim, int dtype);

// ---- sorting (sort.c) ----
// NaN sorts as the largest value (last ascending, first descending).
// [stable] keeps equal elements in input order (tl's sort is always stable).
int tensor_sort(const Tensor *x, int64_t dim, bool descending, bool stable,
                Tensor **values, Tensor **indices);
Tensor *tensor_argsort(const Tensor *x, int64_t dim, bool descending, bool stable);
// The [k] largest (or smallest) along [dim], sorted best-first when [sorted].
int tensor_topk(const Tensor *x, int64_t k, int64_t dim, bool largest, bool sorted,
                Tensor **values, Tensor **indices);
// The [k]-th smallest (1-based) along [dim].
int tensor_kthvalue(const Tensor *x, int64_t k, int64_t dim, bool keepdim,
                    Tensor **values, Tensor **indices);
// Lower median of all elements (NaN if any is NaN); 0-d result.
Tensor *tensor_median(const Tensor *x);
int tensor_median_dim(const Tensor *x, int64_t dim, bool keepdim, Tensor **values, Tensor **indices);
// Most frequent value along [dim] (the smallest on ties) and its last index.
int tensor_mode(const Tensor *x, int64_t dim, bool keepdim, Tensor **values, Tensor **indices);
// Distinct elements of the flattened [x], ascending (sorted=False also sorts:
// PyTorch's unsorted order is a hash-set artefact). [inverse] (shape of x) and
// [counts] are filled when their pointers are non-NULL.
int tensor_unique(const Tensor *x, bool sorted, Tensor **out, Tensor **inverse, Tensor **counts);

// ---- internal: shared by reduce*.c, sort*.c, index*.c and linalg*.c ----

// Fills [a]'s dims and keepdim from a user dim list (NULL: every dim).
void reduce_args_dims(OpArgs *a, const int64_t *dims, int ndims, bool keepdim);
// Allocates the reduced output of [x] over [args]' dims (dtype [odt]), and
// a second one of dtype [second_dt] into *[second] when non-NULL (passed to
// the kernel as in[1]), then runs [op]. Returns the first output.
Tensor *reduce_run(OpCode op, const Tensor *x, const OpArgs *args, DType odt, Tensor **second,
                   DType second_dt);

// Wraps [dim] for a tensor of [ndim] dims into *[out] (a 0-d tensor accepts
// -1 and 0); raises PyTorch's "Dimension out of range" IndexError.
int reduce_wrap_dim(int64_t dim, int ndim, int64_t *out);
// Sets [mask][d] for every dim to reduce; raises on a bad or repeated dim.
int reduce_dim_mask(const Tensor *x, const int64_t *dims, int ndims, bool *mask);
// Writes the output shape of reducing [x] over [mask]; returns its ndim.
int reduce_out_shape(const Tensor *x, const bool *mask, bool keepdim, int64_t *shape);
// PyTorch's C++ scalar-type name ("Float", "Long") used in its messages.
const char *reduce_type_name(DType dt);
// Copies the elements of a strided array into [dst], densely, in row-major
// order of [shape] ([src] points at element 0, [strides] in elements).
void reduce_strided_copy(void *dst, const void *src, int ndim, const int64_t *shape,
                         const int64_t *strides, size_t elsize);
// Returns a new contiguous tensor with [x]'s values converted to [dt]; when
// x is already contiguous of that dtype, returns a new reference to x.
Tensor *reduce_to_contig(const Tensor *x, DType dt);
// Integer view of one element of [dt] at [p] (bool and integers exactly,
// floats truncated), and the matching store (integers wrap, bool is != 0).
int64_t reduce_load_i64(const void *p, DType dt);
void reduce_store_i64(void *p, DType dt, int64_t v);

// A reduction seen as [nlanes] lanes: lane i starts at element offset
// reduce_lane_offset(i) of [data] and feeds output element i (row-major over
// the kept dims). A lane is [K1] runs [s1] apart, each of [K0] elements [s0]
// apart (K = K0 * K1; lane element k = k1 * K0 + k0 in row-major order of the
// reduced dims). Reduced dims that do not merge into two runs are first
// copied to a private buffer. [any_order]: the reduction ignores element
// order, so reduced dims may be reordered to merge them. A single reduced
// dim always gives K1 = 1, s0 = its stride.
typedef struct {
    const char *data;
    size_t elsize;
    int64_t nlanes, K, K0, s0, K1, s1;
    int nk;
    int64_t kshape[TENSOR_MAX_DIMS], kstride[TENSOR_MAX_DIMS];
    Tensor *tmp;
} ReduceLanes;
int reduce_lanes_init(ReduceLanes *L, const Tensor *x, const bool *mask, bool any_order);
void reduce_lanes_free(ReduceLanes *L);

static inline int64_t reduce_lane_offset(const ReduceLanes *L, int64_t i) {
    int64_t off = 0;
    for (int d = L->nk - 1; d >= 0; d--) {
        off += (i % L->kshape[d]) * L->kstride[d];
        i /= L->kshape[d];
    }
    return off;
}

// Every dtype with its C storage type and the value domain kernels compute
// in: int64_t for bool and integers, double for floating types.
#define REDUCE_DTYPES(X)                                                         \
    X(BOOL, bool, int64_t) X(U8, uint8_t, int64_t) X(I8, int8_t, int64_t)        \
    X(I16, int16_t, int64_t) X(I32, int32_t, int64_t) X(I64, int64_t, int64_t)   \
    X(F16, uint16_t, double) X(BF16, uint16_t, double) X(F32, float, double)     \
    X(F64, double, double)

// reduce_ld_E / reduce_st_E: load and store one element through its domain.
#define REDUCE_PLAIN_IO(E, T, V)                                                 \
    static inline V reduce_ld_##E(const void *p) { return (V)*(const T *)p; }    \
    static inline void reduce_st_##E(void *p, V v) { *(T *)p = (T)v; }
REDUCE_PLAIN_IO(U8, uint8_t, int64_t)
REDUCE_PLAIN_IO(I8, int8_t, int64_t)
REDUCE_PLAIN_IO(I16, int16_t, int64_t)
REDUCE_PLAIN_IO(I32, int32_t, int64_t)
REDUCE_PLAIN_IO(I64, int64_t, int64_t)
REDUCE_PLAIN_IO(F32, float, double)
REDUCE_PLAIN_IO(F64, double, double)
#undef REDUCE_PLAIN_IO
static inline int64_t reduce_ld_BOOL(const void *p) { return *(const bool *)p; }
static inline void reduce_st_BOOL(void *p, int64_t v) { *(bool *)p = v != 0; }
static inline double reduce_ld_F16(const void *p) { return f16_to_f32(*(const uint16_t *)p); }
static inline void reduce_st_F16(void *p, double v) { *(uint16_t *)p = f32_to_f16((float)v); }
static inline double reduce_ld_BF16(const void *p) { return bf16_to_f32(*(const uint16_t *)p); }
static inline void reduce_st_BF16(void *p, double v) { *(uint16_t *)p = f32_to_bf16((float)v); }

#endif
