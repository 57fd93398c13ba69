// The CPU tensor runtime's core types: a Tensor is a refcounted strided
// view over a refcounted, untyped Storage (TH's model). Views (view, t(),
// slicing, expand) share the storage. This layer knows nothing of the VM or
// of autograd beyond two opaque slots (grad_fn, grad) that autograd owns.
#ifndef TL_TENSOR_TENSOR_H
#define TL_TENSOR_TENSOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TENSOR_MAX_DIMS 16

typedef enum {
#define DT(E, T, NAME, CAT) DT_##E,
#include "tensor/dtype.def"
#undef DT
    DT__COUNT
} DType;

typedef enum { DEV_CPU = 0, DEV_CUDA = 1 } DeviceType;

typedef struct {
    DeviceType type;
    int index;        // CUDA ordinal; -1 for CPU
} Device;

typedef struct Storage {
    int64_t refcnt;
    void *data;
    size_t nbytes;
    Device device;
    int64_t version;   // bumped by every in-place write (autograd's version counter,
                       // shared by all views of the storage as in PyTorch)
    bool owns_data;    // false for storages wrapping foreign memory (numpy bridge)
    void (*free_foreign)(void *ctx);   // called with foreign_ctx when !owns_data
    void *foreign_ctx;
    int alloc_kind;         // storage.c's allocator class (small / heap / large / foreign)
    size_t alloc_bytes;     // bytes actually reserved (>= nbytes)
} Storage;

struct AgNode;   // autograd graph node, opaque here (owned by autograd/)

typedef struct Tensor {
    int64_t refcnt;
    Storage *storage;
    DType dtype;
    int ndim;
    int64_t shape[TENSOR_MAX_DIMS];
    int64_t strides[TENSOR_MAX_DIMS];   // in elements, not bytes
    int64_t offset;                     // in elements
    // ---- autograd (owned and interpreted by autograd/) ----
    bool requires_grad;
    bool retains_grad;
    struct Tensor *grad;                // accumulated gradient of a leaf, or NULL
    struct AgNode *grad_fn;             // node that produced this tensor, or NULL (leaf)
    int output_nr;                      // which output of grad_fn this is
    void *hooks;                        // autograd's hook list, opaque here
    struct Tensor *base;                // the viewed tensor for views (autograd needs it), or NULL
    bool is_param;                      // nn.Parameter flag (printing "Parameter containing:")
    bool is_wrapped_number;             // a 0-d tensor made from a Python scalar: lowest
                                        // priority in type promotion (PyTorch's rule)
} Tensor;

// autograd/ installs these so a tensor can release what it does not know.
extern void (*tensor_release_grad_fn_hook)(struct AgNode *);
extern void (*tensor_release_hooks_hook)(void *);

// ---- dtypes ----
size_t dtype_size(DType dt);
const char *dtype_name(DType dt);          // "float32"
bool dtype_is_floating(DType dt);
bool dtype_is_integral(DType dt);          // excluding bool
DType dtype_promote(DType a, DType b);     // torch.promote_types
DType dtype_default_float(void);           // torch.get_default_dtype()
void dtype_set_default_float(DType dt);
int dtype_category(DType dt);              // 0 bool, 1 integral, 2 floating
int dtype_from_name(const char *name);     // "float32" -> DT_F32; -1 if unknown
DType dtype_of_scalar_kind(int kind);      // Python scalar 0 bool/1 int/2 float -> bool/int64/default float

// PyTorch's result type of an op over [ts] (NULL entries skipped): within a
// category dimensioned tensors decide; 0-d tensors, then wrapped numbers,
// count only when of a higher category (bool < integral < floating).
DType tensor_result_type(const Tensor *const *ts, int n);

// A Python scalar as an op argument: its kind matters for type promotion
// (bool < int < float), its value is in i (bool, int) or f (float).
typedef enum { SCALAR_BOOL, SCALAR_INT, SCALAR_FLOAT } ScalarKind;
typedef struct {
    ScalarKind kind;
    int64_t i;
    double f;
} TensorScalar;
static inline TensorScalar tensor_scalar_float(double v) { return (TensorScalar){SCALAR_FLOAT, 0, v}; }
static inline TensorScalar tensor_scalar_int(int64_t v) { return (TensorScalar){SCALAR_INT, v, (double)v}; }
static inline TensorScalar tensor_scalar_bool(bool v) { return (TensorScalar){SCALAR_BOOL, v, v}; }
static inline double tensor_scalar_as_double(TensorScalar s) {
    return s.kind == SCALAR_FLOAT ? s.f : (double)s.i;
}

// ---- lifetime ----
Tensor *tensor_retain(Tensor *t);            // returns t; NULL-safe
void tensor_release(Tensor *t);              // NULL-safe

// Returns a new contiguous tensor of [shape] (uninitialised), or NULL with
// a pending MemoryError. [ndim] may be 0 (a scalar tensor).
Tensor *tensor_empty(int ndim, const int64_t *shape, DType dtype);
Tensor *tensor_zeros(int ndim, const int64_t *shape, DType dtype);
Tensor *tensor_empty_like(const Tensor *t);    // same shape and dtype, contiguous
// As PyTorch's empty_like(memory_format=preserve): [t]'s strides when t is
// non-overlapping and dense (e.g. transposed), else contiguous.
Tensor *tensor_empty_preserve(const Tensor *t, DType dtype);
// True when [t]'s elements tile one block of memory exactly, in some order.
bool tensor_is_dense(const Tensor *t);

// Returns a fresh Tensor struct (refcnt 1, no storage, all fields zero): for
// code that builds tensors by hand. Cheap: recycled through a free list.
Tensor *tensor_alloc(void);
// Tensors currently alive (allocated and not yet released), for leak tests.
int64_t tensor_live_count(void);
// Returns a new view of [src]'s storage with the given geometry (in
// elements); its base is src's root tensor. No checks: callers validate.
Tensor *tensor_new_view(const Tensor *src, int ndim, const int64_t *shape,
                        const int64_t *strides, int64_t offset);
// Fills [strides] with the row-major strides of [shape] (PyTorch's values).
void tensor_contiguous_strides(int ndim, const int64_t *shape, int64_t *strides);
// Writes "[2, 3]" into [buf] (at most [cap] bytes) and returns buf.
char *tensor_shape_fmt(char *buf, size_t cap, int ndim, const int64_t *shape);

static inline int64_t tensor_numel(const Tensor *t) {
    int64_t n = 1;
    for (int i = 0; i < t->ndim; i++) n *= t->shape[i];
    return n;
}
static inline void *tensor_data(const Tensor *t) {
    return (char *)t->storage->data + t->offset * (int64_t)dtype_size(t->dtype);
}
bool tensor_is_contiguous(const Tensor *t);

// Reads/writes one element at a flat row-major index of the logical shape,
// converting through double (int64 values beyond 2^53 lose precision: use
// the _i64 forms for integral dtypes).
double tensor_get_flat(const Tensor *t, int64_t i);
int64_t tensor_get_flat_i64(const Tensor *t, int64_t i);
void tensor_set_flat(Tensor *t, int64_t i, double v);
void tensor_set_flat_i64(Tensor *t, int64_t i, int64_t v);
// Storage offset (in elements) of the element at flat row-major index [i].
int64_t tensor_flat_offset(const Tensor *t, int64_t i);
// Reads/writes one element of dtype [dt] at [p] through double (writes
// truncate toward zero for integers and round to nearest even for f16/bf16).
double tensor_read(const void *p, DType dt);
void tensor_write(void *p, DType dt, double v);

#endif
