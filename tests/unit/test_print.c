// Tensor printing against real PyTorch 1.13 (and NumPy 1.24 for arrays):
// print_cases.h (made by gen_print_cases.py) holds each tensor's geometry,
// the values of its shown elements and the text Python printed. Every other storage element is filled with a poison
// value, so reading a hidden element changes the text and fails the case.
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "harness.h"
#include "tensor/print.h"
#include "tensor/print_numpy.h"
#include "tensor/tensor.h"

// A tensor's storage and view; only the shown elements have real values.
typedef struct {
    const char *code;          // the Python that built the tensor or array
    DType dtype;
    int ndim;
    int64_t shape[8], strides[8];
    int64_t offset, storage_numel;
    int nvals;                 // shown elements: storage index and value
    const int64_t *idx;
    const double *fval;        // float32/float64
    const int64_t *ival;       // ints, bools, float16/bfloat16 bits
    double fpoison;
    int64_t ipoison;
} Geometry;

typedef struct {
    Geometry g;
    const char *prefix, *grad_fn;
    int requires_grad;
    PrintOptions opts;
    int default_f64;
    const char *expected;
} PrintCase;

typedef struct {
    Geometry g;
    const char *str, *repr;
} NumpyCase;

typedef struct {
    double v;
    DType dtype;
    const char *str, *repr;
} NumpyScalarCase;

typedef struct {
    const char *profile;
    unsigned given;
    PrintOptions set;
    int sci_mode;
    PrintOptions expected;
} SetOptCase;

#include "print_cases.h"

static void put_float(Tensor *t, int64_t i, double v) {
    if (t->dtype == DT_F32) ((float *)t->storage->data)[i] = (float)v;
    else ((double *)t->storage->data)[i] = v;
}

static void put_int(Tensor *t, int64_t i, int64_t v) {
    void *d = t->storage->data;
    switch (t->dtype) {
    case DT_BOOL: ((bool *)d)[i] = v != 0; break;
    case DT_U8:   ((uint8_t *)d)[i] = (uint8_t)v; break;
    case DT_I8:   ((int8_t *)d)[i] = (int8_t)v; break;
    case DT_I16:  ((int16_t *)d)[i] = (int16_t)v; break;
    case DT_I32:  ((int32_t *)d)[i] = (int32_t)v; break;
    case DT_I64:  ((int64_t *)d)[i] = v; break;
    case DT_F16: case DT_BF16: ((uint16_t *)d)[i] = (uint16_t)v; break;
    default: break;
    }
}

static Tensor *build(const Geometry *c) {
    Tensor *base = tensor_empty(1, &c->storage_numel, c->dtype);
    if (!base) return NULL;
    bool fl = c->dtype == DT_F32 || c->dtype == DT_F64;
    for (int64_t i = 0; i < c->storage_numel; i++) {
        if (fl) put_float(base, i, c->fpoison);
        else put_int(base, i, c->ipoison);
    }
    for (int i = 0; i < c->nvals; i++) {
        if (fl) put_float(base, c->idx[i], c->fval[i]);
        else put_int(base, c->idx[i], c->ival[i]);
    }
    Tensor *t = tensor_new_view(base, c->ndim, c->shape, c->strides, c->offset);
    tensor_release(base);
    return t;
}

static void test_generated(void) {
    const PrintOptions defaults = PRINT_OPTIONS_DEFAULT;
    int n = (int)(sizeof print_cases / sizeof print_cases[0]);
    for (int k = 0; k < n; k++) {
        const PrintCase *c = &print_cases[k];
        Tensor *t = build(&c->g);
        CHECK(t != NULL);
        if (!t) continue;
        tensor_put_printoptions(&c->opts);
        dtype_set_default_float(c->default_f64 ? DT_F64 : DT_F32);
        TensorReprSuffix sx = {c->prefix, NULL, c->grad_fn, c->requires_grad != 0};
        char *s = tensor_repr(t, &sx);
        if (!s || strcmp(s, c->expected) != 0)
            fprintf(stderr, "case %d: %s\n", k, c->g.code);
        CHECK_STR(s, c->expected);
        free(s);
        tensor_release(t);
        tensor_put_printoptions(&defaults);
        dtype_set_default_float(DT_F32);
    }
    printf("%d generated cases\n", n);
}

static bool same_opts(const PrintOptions *a, const PrintOptions *b) {
    return a->precision == b->precision && a->threshold == b->threshold &&
           a->edgeitems == b->edgeitems && a->linewidth == b->linewidth &&
           a->sci_mode == b->sci_mode;
}

// The options after each torch.set_printoptions call of a sequence.
static void test_set_printoptions(void) {
    tensor_set_printoptions("default", 0, NULL, -1);
    int n = (int)(sizeof setopt_cases / sizeof setopt_cases[0]);
    for (int k = 0; k < n; k++) {
        const SetOptCase *c = &setopt_cases[k];
        tensor_set_printoptions(c->profile, c->given, &c->set, c->sci_mode);
        const PrintOptions *o = tensor_get_printoptions();
        if (!same_opts(o, &c->expected))
            fprintf(stderr, "set_printoptions step %d: got {%d, %g, %d, %d, %d}\n", k,
                    o->precision, o->threshold, o->edgeitems, o->linewidth, o->sci_mode);
        CHECK(same_opts(o, &c->expected));
    }
    tensor_set_printoptions("default", 0, NULL, -1);
}

static Tensor *vec_f32(int64_t n, const float *v) {
    Tensor *t = tensor_empty(1, &n, DT_F32);
    memcpy(t->storage->data, v, (size_t)n * sizeof(float));
    return t;
}

static void check_repr(const Tensor *t, const TensorReprSuffix *sx, const char *want) {
    char *s = tensor_repr(t, sx);
    CHECK_STR(s, want);
    free(s);
}

// The device suffix: no GPU was available to PyTorch when the spec was
// written, so these expectations follow torch/_tensor_str.py (device first).
static void test_device_suffix(void) {
    const float v[] = {1.f, 2.f};
    Tensor *t = vec_f32(2, v);
    check_repr(t, &(TensorReprSuffix){NULL, "cuda:0", NULL, false},
               "tensor([1., 2.], device='cuda:0')");
    check_repr(t, &(TensorReprSuffix){NULL, "cuda:0", NULL, true},
               "tensor([1., 2.], device='cuda:0', requires_grad=True)");
    check_repr(t, &(TensorReprSuffix){NULL, "cuda:0", "AddBackward0", true},
               "tensor([1., 2.], device='cuda:0', grad_fn=<AddBackward0>)");
    tensor_release(t);
    int64_t shape[1] = {0};
    Tensor *e = tensor_empty(1, shape, DT_I64);
    check_repr(e, &(TensorReprSuffix){NULL, "cuda:0", NULL, false},
               "tensor([], device='cuda:0', dtype=torch.int64)");
    tensor_release(e);
}

// Options PyTorch itself fails on (checked with torch 1.13): a negative
// precision raises ValueError only when a float actually uses it, and
// edgeitems=0 breaks torch.stack on a summarized n-d tensor.
static void test_errors(void) {
    const PrintOptions defaults = PRINT_OPTIONS_DEFAULT;
    const float v[] = {1.5f, 2.f};
    Tensor *t = vec_f32(2, v);
    tensor_set_printoptions(NULL, PRINT_OPT_PRECISION, &(PrintOptions){.precision = -1}, -1);
    CHECK(tensor_repr(t, NULL) == NULL);
    CHECK(tl_error_kind() == ERR_VALUE);
    CHECK_STR(tl_error_message(), "Format specifier missing precision");
    tl_error_clear();
    const float w[] = {1.f, 2.f};
    Tensor *u = vec_f32(2, w);
    check_repr(u, NULL, "tensor([1., 2.])");     // integer mode never uses precision
    tensor_release(u);
    tensor_put_printoptions(&defaults);
    tensor_release(t);

    int64_t shape[2] = {20, 200};
    Tensor *m = tensor_zeros(2, shape, DT_F32);
    tensor_set_printoptions(NULL, PRINT_OPT_EDGEITEMS, &(PrintOptions){.edgeitems = 0}, -1);
    CHECK(tensor_repr(m, NULL) == NULL);
    CHECK(tl_error_kind() == ERR_RUNTIME);
    CHECK_STR(tl_error_message(), "stack expects a non-empty TensorList");
    tl_error_clear();
    tensor_put_printoptions(&defaults);
    tensor_release(m);
}

// str(torch.Size(...)) and str(tuple(...)) as Python prints them.
static void test_shapes(void) {
    int64_t s23[] = {2, 3}, s0[] = {0}, s03[] = {0, 3}, s2[] = {2};
    struct { int n; const int64_t *s; const char *size, *tuple; } cases[] = {
        {2, s23, "torch.Size([2, 3])", "(2, 3)"},
        {0, NULL, "torch.Size([])", "()"},
        {1, s0, "torch.Size([0])", "(0,)"},
        {2, s03, "torch.Size([0, 3])", "(0, 3)"},
        {1, s2, "torch.Size([2])", "(2,)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *a = tensor_size_repr(cases[i].n, cases[i].s);
        char *b = tensor_shape_tuple_repr(cases[i].n, cases[i].s);
        CHECK_STR(a, cases[i].size);
        CHECK_STR(b, cases[i].tuple);
        free(a);
        free(b);
    }
}

// NumPy str() and repr() of arrays, and str()/repr() of float scalars.
static void test_numpy(void) {
    int n = (int)(sizeof numpy_cases / sizeof numpy_cases[0]);
    for (int k = 0; k < n; k++) {
        const NumpyCase *c = &numpy_cases[k];
        Tensor *t = build(&c->g);
        CHECK(t != NULL);
        if (!t) continue;
        char *s = tensor_numpy_str(t), *r = tensor_numpy_repr(t);
        if (strcmp(s, c->str) != 0 || strcmp(r, c->repr) != 0)
            fprintf(stderr, "numpy case %d: %s\n", k, c->g.code);
        CHECK_STR(s, c->str);
        CHECK_STR(r, c->repr);
        free(s);
        free(r);
        tensor_release(t);
    }
    int m = (int)(sizeof numpy_scalars / sizeof numpy_scalars[0]);
    for (int k = 0; k < m; k++) {
        char *s = tensor_numpy_float_scalar_str(numpy_scalars[k].v, numpy_scalars[k].dtype);
        CHECK_STR(s, numpy_scalars[k].str);
        CHECK_STR(s, numpy_scalars[k].repr);
        free(s);
    }
    printf("%d numpy arrays, %d numpy scalars\n", n, m);
}

int main(void) {
    test_generated();
    test_set_printoptions();
    test_device_suffix();
    test_errors();
    test_shapes();
    test_numpy();
    return test_summary();
}
