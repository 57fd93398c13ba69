// Tests of the tensor core: dtypes and promotion (tables printed by PyTorch
// 1.13, see gen_tensor_cases.py), storage allocator and TL_FAIL_ALLOC,
// view geometries against PyTorch's shapes/strides/offsets, shape ops
// against naive index arithmetic, creation ops, and PyTorch's error texts.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "harness.h"
#include "common/error.h"
#include "tensor/convert.h"
#include "tensor/create.h"
#include "tensor/elementwise.h"
#include "tensor/half.h"
#include "tensor/ops.h"
#include "tensor/shape.h"
#include "tensor/storage.h"
#include "tensor_cases.h"

// Ops rows implemented in files outside this test's link line resolve to
// these weak stubs; the real kernels override them when linked.
#define WEAK_UNARY(name) __attribute__((weak)) int cpu_##name(Tensor *o, const Tensor *const *i, \
    const OpArgs *a) { (void)o; (void)i; (void)a; return -1; }
#define WEAK_BINARY WEAK_UNARY
#define WEAK_TERNARY WEAK_UNARY
#define WEAK_PRED WEAK_UNARY
#define WEAK_COMPARE WEAK_UNARY
#define WEAK_REDUCE WEAK_UNARY
#define WEAK_MATMUL WEAK_UNARY
#define WEAK_INDEX WEAK_UNARY
#define WEAK_KERNEL WEAK_UNARY
#define WEAK_VIEW(name)
#define WEAK_SHAPE(name)
#define OP(E, name, nin, kind, gf) WEAK_##kind(name)
#include "tensor/ops.def"
#undef OP

// An int64 arange(n) reshaped to [shape] (built without the code under test
// beyond tensor_empty).
static Tensor *iota(int ndim, const int64_t *shape) {
    Tensor *t = tensor_empty(ndim, shape, DT_I64);
    int64_t n = tensor_numel(t);
    for (int64_t i = 0; i < n; i++) ((int64_t *)tensor_data(t))[i] = i;
    return t;
}

static bool shape_is(const Tensor *t, int ndim, const int64_t *shape) {
    return t && t->ndim == ndim && memcmp(t->shape, shape, (size_t)ndim * sizeof *shape) == 0;
}

static bool same_float(double a, double b) {
    return a == b || (isnan(a) && isnan(b));
}

static void check_error(const void *r, ErrKind kind, const char *msg) {
    CHECK(r == NULL);
    CHECK(tl_error_kind() == kind);
    CHECK_STR(tl_error_message(), msg);
    tl_error_clear();
}

static void test_dtypes(void) {
    CHECK(dtype_size(DT_F16) == 2 && dtype_size(DT_BOOL) == 1 && dtype_size(DT_I64) == 8);
    CHECK_STR(dtype_name(DT_BF16), "bfloat16");
    CHECK(dtype_from_name("int16") == DT_I16 && dtype_from_name("nope") == -1);
    for (int a = 0; a < DT__COUNT; a++)
        for (int b = 0; b < DT__COUNT; b++)
            CHECK(dtype_promote((DType)a, (DType)b) == (DType)case_promote[a][b]);
    int n = (int)(sizeof case_result_type / sizeof *case_result_type);
    for (int i = 0; i < n; i++) {
        const ResultTypeCase *c = &case_result_type[i];
        int64_t two = 2;
        Tensor *a = c->k1 == 0 ? tensor_zeros(1, &two, c->d1) : tensor_zeros(0, NULL, c->d1);
        Tensor *b;
        if (c->k2 == 2) {
            TensorScalar s = c->d2 == SCALAR_BOOL ? tensor_scalar_bool(true)
                           : c->d2 == SCALAR_INT ? tensor_scalar_int(3) : tensor_scalar_float(2.5);
            b = tensor_from_scalar(s, true);
        } else {
            b = c->k2 == 0 ? tensor_zeros(1, &two, c->d2) : tensor_zeros(0, NULL, c->d2);
        }
        const Tensor *ts[2] = {a, b};
        DType got = tensor_result_type(ts, 2);
        if (got != (DType)c->expect)
            fprintf(stderr, "result_type case %d: got %s want %s\n", i, dtype_name(got),
                    dtype_name(c->expect));
        CHECK(got == (DType)c->expect);
        tensor_release(a), tensor_release(b);
    }
    // The default dtype decides for wrapped floats.
    dtype_set_default_float(DT_F64);
    int64_t two = 2;
    Tensor *i = tensor_zeros(1, &two, DT_I32), *f = tensor_from_scalar(tensor_scalar_float(1), true);
    const Tensor *ts[2] = {i, f};
    CHECK(tensor_result_type(ts, 2) == DT_F64);
    dtype_set_default_float(DT_F32);
    CHECK(tensor_result_type(ts, 2) == DT_F32);
    tensor_release(i), tensor_release(f);
}

static void test_half(void) {
    // Round to nearest even at the halfway points, overflow to inf.
    CHECK(f32_to_f16(1.00048828125f) == 0x3c00);
    CHECK(f32_to_f16(1.00146484375f) == 0x3c02);
    CHECK(f32_to_f16(65520.0f) == 0x7c00);
    CHECK(f32_to_f16(65519.0f) == 0x7bff);
    CHECK(f32_to_f16(6e-8f) == 0x0001);
    CHECK(f16_to_f32(0x0001) == 5.9604644775390625e-08f);
    CHECK(f32_to_bf16(1.00390625f) == 0x3f80);          // halfway, even stays
    CHECK(f32_to_bf16(1.01171875f) == 0x3f82);          // halfway, odd rounds up
    CHECK(bf16_to_f32(0x3dcd) == 0.10009765625f);
    Tensor *x = tensor_from_f64((const double[]){0.1, 65519, 1e-5, -2.5}, 1, (int64_t[]){4}, DT_F16);
    CHECK_CLOSE(tensor_get_flat(x, 0), 0.0999755859375, 0);
    CHECK_CLOSE(tensor_get_flat(x, 1), 65504, 0);
    CHECK_CLOSE(tensor_get_flat(x, 2), 1.0013580322265625e-05, 0);
    tensor_release(x);
}

static void test_storage(void) {
    StorageStats s0 = storage_stats();
    int64_t shape[2] = {1024, 1024};         // 4 MiB: a large, cached block
    Tensor *a = tensor_zeros(2, shape, DT_F32);
    CHECK(a && ((uintptr_t)tensor_data(a) & ((2u << 20) - 1)) == 0);
    CHECK(tensor_get_flat(a, 12345) == 0);
    float *p = tensor_data(a);
    p[7] = 3;
    tensor_release(a);
    CHECK(storage_stats().cached_bytes >= (size_t)4 << 20);
    Tensor *b = tensor_zeros(2, shape, DT_F32);       // reuses the block, still zeroed
    CHECK(storage_stats().cache_hits == s0.cache_hits + 1);
    CHECK(tensor_get_flat(b, 7) == 0);
    tensor_release(b);
    storage_cache_trim();
    CHECK(storage_stats().cached_bytes == 0);
    CHECK(storage_stats().live == s0.live);
    // Sizes that overflow or cannot be allocated raise, never crash.
    int64_t huge[2] = {1000000000000LL, 1000000000000LL};
    check_error(tensor_empty(2, huge, DT_F32), ERR_RUNTIME,
                "Storage size calculation overflowed with sizes=[1000000000000, 1000000000000]");
    int64_t big = 1000000000000LL;
    check_error(tensor_empty(1, &big, DT_F32), ERR_RUNTIME,
                "[enforce fail at alloc_cpu.cpp:75] err == 0. DefaultCPUAllocator: can't allocate "
                "memory: you tried to allocate 4000000000000 bytes. Error code 12 (Cannot allocate memory)");
    int64_t neg[2] = {-1, 2};
    check_error(tensor_empty(2, neg, DT_F32), ERR_RUNTIME,
                "Trying to create tensor with negative dimension -1: [-1, 2]");
}

// Runs this program again with TL_FAIL_ALLOC=N and "child" so that the
// variable is read fresh; the child reports through its exit status.
static int run_child(int n) {
    pid_t pid = fork();
    if (pid == 0) {
        char buf[16];
        snprintf(buf, sizeof buf, "%d", n);
        setenv("TL_FAIL_ALLOC", buf, 1);
        execl("/proc/self/exe", "test_tensor", "fail-alloc-child", (char *)NULL);
        _exit(99);
    }
    int st = 0;
    waitpid(pid, &st, 0);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 98;
}

// Child: allocation 3 fails inside an op; the op must return NULL with a
// MemoryError and leave nothing allocated (LeakSanitizer checks the rest).
static int fail_alloc_child(void) {
    int64_t shape[2] = {3, 3};
    Tensor *a = tensor_ones(2, shape, DT_F32);                   // alloc 1
    Tensor *b = tensor_ones(2, shape, DT_I64);                   // alloc 2
    Tensor *c = tensor_add(a, b);   // alloc 3 (b converted to float) fails
    int ok = c == NULL && tl_error_kind() == ERR_RUNTIME &&
             strstr(tl_error_message(), "can't allocate memory") != NULL;
    tl_error_clear();
    Tensor *d = tensor_add(a, b);                                // works again
    ok = ok && d && tensor_get_flat(d, 8) == 2;
    tensor_release(a), tensor_release(b), tensor_release(d);
    ok = ok && storage_stats().live == 0 && tensor_live_count() == 0;
    return ok ? 0 : 1;
}

static Tensor *run_view_case(const ViewCase *c, Tensor *x) {
    const int64_t *a = c->args;
    Tensor *t1, *r;
    switch (c->op) {
    case V_T: return tensor_t(x);
    case V_TRANSPOSE: return tensor_transpose(x, a[0], a[1]);
    case V_PERMUTE: return tensor_permute(x, c->nargs, a);
    case V_VIEW: case V_VIEW_0D: return tensor_view(x, c->nargs, a);
    case V_VIEW_T: t1 = tensor_t(x); r = tensor_view(t1, c->nargs, a); break;
    case V_VIEW_SLICE: {
        Tensor *s0 = tensor_slice(x, 0, 1, 3, 1);
        t1 = tensor_slice(s0, 1, 0, 3, 1);
        tensor_release(s0);
        r = tensor_view(t1, c->nargs, a);
        break;
    }
    case V_UNSQUEEZE: return tensor_unsqueeze(x, a[0]);
    case V_UNSQUEEZE_T: t1 = tensor_t(x); r = tensor_unsqueeze(t1, a[0]); break;
    case V_SQUEEZE: return tensor_squeeze(x);
    case V_SQUEEZE_DIM: return tensor_squeeze_dim(x, a[0]);
    case V_EXPAND: return tensor_expand(x, c->nargs, a);
    case V_NARROW: return tensor_narrow(x, a[0], a[1], a[2]);
    case V_SELECT: return tensor_select(x, a[0], a[1]);
    case V_SLICE: return tensor_slice(x, a[0], a[1], a[2], a[3]);
    case V_DIAGONAL: return tensor_diagonal(x, a[0], a[1], a[2]);
    case V_FLATTEN: return tensor_flatten(x, a[0], a[1]);
    case V_FLATTEN_T: t1 = tensor_transpose(x, 1, 2); r = tensor_flatten(t1, a[0], a[1]); break;
    case V_VIEW_EXPAND: {
        int64_t e[2] = {3, 2};
        t1 = tensor_expand(x, 2, e);
        r = tensor_reshape(t1, c->nargs, a);
        break;
    }
    case V_UNFLATTEN: return tensor_unflatten(x, a[0], c->nargs - 1, a + 1);
    case V_MOVEDIM: return tensor_movedim(x, a[0], a[1]);
    default: return NULL;
    }
    tensor_release(t1);
    return r;
}

static void test_views(void) {
    int n = (int)(sizeof case_views / sizeof *case_views);
    for (int i = 0; i < n; i++) {
        const ViewCase *c = &case_views[i];
        Tensor *x = iota(c->ndim, c->shape);
        Tensor *v = run_view_case(c, x);
        CHECK(v != NULL);
        if (!v) { fprintf(stderr, "view case %d: %s\n", i, tl_error_message()); tl_error_clear(); tensor_release(x); continue; }
        bool ok = shape_is(v, c->rndim, c->rshape) &&
                  memcmp(v->strides, c->rstrides, (size_t)c->rndim * sizeof(int64_t)) == 0 &&
                  v->offset == c->roffset && tensor_is_contiguous(v) == (bool)c->rcontig;
        if (!ok) fprintf(stderr, "view case %d differs from PyTorch\n", i);
        CHECK(ok);
        // A view (not the copying reshape) shares x's storage and has x as base.
        if (c->op != V_VIEW_EXPAND && c->op != V_FLATTEN_T) CHECK(v->storage == x->storage && v->base == x);
        tensor_release(v);
        tensor_release(x);
    }
    // Writes through a view are visible in the base, and bump the shared version.
    int64_t s[2] = {2, 3};
    Tensor *x = iota(2, s), *row = tensor_select(x, 0, 1);
    int64_t v0 = x->storage->version;
    tensor_fill_(row, tensor_scalar_int(-1));
    CHECK(tensor_get_flat_i64(x, 3) == -1 && tensor_get_flat_i64(x, 5) == -1 && tensor_get_flat_i64(x, 2) == 2);
    CHECK(x->storage->version == v0 + 1);
    // A view of a view has the root as base.
    Tensor *e = tensor_narrow(row, 0, 1, 2);
    CHECK(e->base == x);
    tensor_release(e), tensor_release(row), tensor_release(x);
}

static void test_view_errors(void) {
    int64_t s[2] = {2, 3};
    Tensor *x = iota(2, s);
    int64_t four = 4, bad[2] = {4, -1}, two_m1[2] = {-1, -1}, m2[2] = {-2, 3}, six = 6;
    check_error(tensor_view(x, 1, &four), ERR_RUNTIME, "shape '[4]' is invalid for input of size 6");
    check_error(tensor_view(x, 2, bad), ERR_RUNTIME, "shape '[4, -1]' is invalid for input of size 6");
    check_error(tensor_view(x, 2, two_m1), ERR_RUNTIME, "only one dimension can be inferred");
    check_error(tensor_view(x, 2, m2), ERR_RUNTIME, "invalid shape dimension -2");
    Tensor *t = tensor_t(x);
    check_error(tensor_view(t, 1, &six), ERR_RUNTIME,
                "view size is not compatible with input tensor's size and stride (at least one "
                "dimension spans across two contiguous subspaces). Use .reshape(...) instead.");
    Tensor *r = tensor_reshape(t, 1, &six);         // reshape copies instead
    CHECK(r && r->storage != x->storage && tensor_get_flat_i64(r, 1) == 3);
    tensor_release(r), tensor_release(t);
    check_error(tensor_transpose(x, 0, 2), ERR_INDEX,
                "Dimension out of range (expected to be in range of [-2, 1], but got 2)");
    int64_t s3[3] = {2, 3, 4};
    Tensor *x3 = iota(3, s3);
    check_error(tensor_t(x3), ERR_RUNTIME, "t() expects a tensor with <= 2 dimensions, but self is 3D");
    tensor_release(x3);
    check_error(tensor_index_int(x, 0, 5), ERR_INDEX, "index 5 is out of bounds for dimension 0 with size 2");
    check_error(tensor_select(x, 0, 5), ERR_INDEX,
                "select(): index 5 out of range for tensor of size [2, 3] at dimension 0");
    int64_t e1[1] = {3}, e2[2] = {3, 3}, e3[3] = {-1, -1, 3};
    check_error(tensor_expand(x, 1, e1), ERR_RUNTIME,
                "expand(torch.LongTensor{[2, 3]}, size=[3]): the number of sizes provided (1) must "
                "be greater or equal to the number of dimensions in the tensor (2)");
    check_error(tensor_expand(x, 2, e2), ERR_RUNTIME,
                "The expanded size of the tensor (3) must match the existing size (2) at "
                "non-singleton dimension 0.  Target sizes: [3, 3].  Tensor sizes: [2, 3]");
    check_error(tensor_expand(x, 3, e3), ERR_RUNTIME,
                "The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension 0");
    check_error(tensor_narrow(x, 0, 1, 2), ERR_RUNTIME, "start (1) + length (2) exceeds dimension size (2).");
    check_error(tensor_flatten(x, 1, 0), ERR_RUNTIME,
                "flatten() has invalid args: start_dim cannot come after end_dim");
    int64_t p3[3] = {1, 0, 2}, p2[2] = {0, 0};
    check_error(tensor_permute(x, 3, p3), ERR_RUNTIME,
                "permute(sparse_coo): number of dimensions in the tensor input does not match the "
                "length of the desired ordering of dimensions i.e. input.dim() = 2 is not equal to len(dims) = 3");
    check_error(tensor_permute(x, 2, p2), ERR_RUNTIME, "permute(): duplicate dims are not allowed.");
    check_error(tensor_slice(x, 0, 0, 2, 0), ERR_VALUE, "slice step cannot be zero");
    TensorList l = {0};
    int64_t sz[2] = {1, 1};
    CHECK(tensor_split_sizes(x, 2, sz, 1, &l) < 0);
    CHECK_STR(tl_error_message(), "split_with_sizes expects split_sizes to sum exactly to 3 (input "
              "tensor's size at dimension 1), but got split_sizes=[1, 1]");
    tl_error_clear();
    CHECK(tensor_chunk(x, 0, 0, &l) < 0);
    CHECK_STR(tl_error_message(), "chunk expects `chunks` to be greater than 0, got: 0");
    tl_error_clear();
    tensor_release(x);
}

static void test_lists(void) {
    int64_t s[2] = {5, 2};
    Tensor *x = iota(2, s);
    TensorList l = {0};
    CHECK(tensor_chunk(x, 2, 0, &l) == 0 && l.n == 2);
    CHECK(l.items[0]->shape[0] == 3 && l.items[1]->shape[0] == 2);
    CHECK(tensor_get_flat_i64(l.items[1], 0) == 6 && l.items[1]->storage == x->storage);
    tensor_list_free(&l);
    CHECK(tensor_split(x, 2, 0, &l) == 0 && l.n == 3 && l.items[2]->shape[0] == 1);
    tensor_list_free(&l);
    int64_t sizes[2] = {1, 4};
    CHECK(tensor_split_sizes(x, 2, sizes, 0, &l) == 0 && l.items[1]->shape[0] == 4);
    CHECK(tensor_get_flat_i64(l.items[1], 7) == 9);
    tensor_list_free(&l);
    CHECK(tensor_unbind(x, 1, &l) == 0 && l.n == 2 && l.items[1]->ndim == 1);
    CHECK(tensor_get_flat_i64(l.items[1], 4) == 9);
    tensor_list_free(&l);
    tensor_release(x);
}

// Shape ops that copy, each against index arithmetic on an iota input.
static void test_shape_copies(void) {
    int64_t s[2] = {2, 3}, s2[2] = {2, 2};
    Tensor *x = iota(2, s), *y = iota(2, s2);
    const Tensor *xy[2] = {x, y};
    Tensor *c = tensor_cat(2, xy, 1);
    int64_t cs[2] = {2, 5};
    CHECK(shape_is(c, 2, cs));
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 5; j++)
            CHECK(tensor_get_flat_i64(c, i * 5 + j) == (j < 3 ? i * 3 + j : i * 2 + j - 3));
    tensor_release(c);
    int64_t s32[2] = {3, 2};
    Tensor *z = iota(2, s32);
    const Tensor *xz[2] = {x, z};
    check_error(tensor_cat(2, xz, 1), ERR_RUNTIME, "Sizes of tensors must match except in "
                "dimension 1. Expected size 2 but got size 3 for tensor number 1 in the list.");
    check_error(tensor_cat(0, xz, 0), ERR_RUNTIME, "torch.cat(): expected a non-empty list of Tensors");
    // Type promotion across inputs and skipped legacy empty tensors.
    Tensor *f = tensor_ones(2, s, DT_F32);
    int64_t zero = 0;
    Tensor *empty = tensor_empty(1, &zero, DT_F64);
    const Tensor *xfe[3] = {x, empty, f};
    c = tensor_cat(3, xfe, 0);
    CHECK(c && c->dtype == DT_F64 && c->shape[0] == 4 && tensor_get_flat(c, 5) == 5 && tensor_get_flat(c, 6) == 1);
    tensor_release(c), tensor_release(empty), tensor_release(f);
    const Tensor *xx[2] = {x, x};
    Tensor *st = tensor_stack(2, xx, 2);
    int64_t ss[3] = {2, 3, 2};
    CHECK(shape_is(st, 3, ss) && tensor_get_flat_i64(st, 5) == 2 && tensor_get_flat_i64(st, 4) == 2);
    tensor_release(st);
    check_error(tensor_stack(2, xz, 0), ERR_RUNTIME,
                "stack expects each tensor to be equal size, but got [2, 3] at entry 0 and [3, 2] at entry 1");
    Tensor *hs = tensor_hstack(2, xx), *vs = tensor_vstack(2, xx);
    CHECK(hs->shape[1] == 6 && vs->shape[0] == 4);
    tensor_release(hs), tensor_release(vs);
    // flip / roll / repeat / tril / triu / diag
    int64_t d1 = 1, d0 = 0;
    Tensor *fl = tensor_flip(x, 1, &d1);
    for (int i = 0; i < 6; i++) CHECK(tensor_get_flat_i64(fl, i) == (i / 3) * 3 + 2 - i % 3);
    tensor_release(fl);
    int64_t sh = 4;
    Tensor *ro = tensor_roll(x, 1, &sh, 1, &d1);         // shift 4 = 1 mod 3
    for (int i = 0; i < 6; i++) CHECK(tensor_get_flat_i64(ro, i) == (i / 3) * 3 + (i % 3 + 2) % 3);
    tensor_release(ro);
    int64_t m1 = -1;
    ro = tensor_roll(x, 1, &m1, 0, NULL);                  // flattened
    for (int i = 0; i < 6; i++) CHECK(tensor_get_flat_i64(ro, i) == (i + 1) % 6);
    tensor_release(ro);
    (void)d0;
    int64_t reps[3] = {2, 1, 2};
    Tensor *rp = tensor_repeat(x, 3, reps);
    int64_t rs[3] = {2, 2, 6};
    CHECK(shape_is(rp, 3, rs));
    for (int i = 0; i < 24; i++) {
        int r = (i / 6) % 2, col = i % 6;
        CHECK(tensor_get_flat_i64(rp, i) == r * 3 + col % 3);
    }
    tensor_release(rp);
    Tensor *lo = tensor_tril(x, 0), *up = tensor_triu(x, 1);
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 3; j++) {
            CHECK(tensor_get_flat_i64(lo, i * 3 + j) == (j <= i ? i * 3 + j : 0));
            CHECK(tensor_get_flat_i64(up, i * 3 + j) == (j >= i + 1 ? i * 3 + j : 0));
        }
    tensor_release(lo), tensor_release(up);
    Tensor *dg = tensor_diag(x, 1);
    CHECK(dg->ndim == 1 && dg->shape[0] == 2 && tensor_get_flat_i64(dg, 0) == 1 && tensor_get_flat_i64(dg, 1) == 5);
    Tensor *dm = tensor_diag(dg, -1);
    CHECK(dm->shape[0] == 3 && tensor_get_flat_i64(dm, 3) == 1 && tensor_get_flat_i64(dm, 7) == 5 &&
          tensor_get_flat_i64(dm, 4) == 0);
    tensor_release(dg), tensor_release(dm);
    int64_t s1 = 3;
    Tensor *v1 = iota(1, &s1);
    check_error(tensor_tril(v1, 0), ERR_INDEX,
                "Dimension out of range (expected to be in range of [-1, 0], but got -2)");
    tensor_release(v1);
    tensor_release(x), tensor_release(y), tensor_release(z);
}

static void test_create(void) {
    Tensor *l = tensor_linspace(-1.3, 2.9, 7, DT_F32);
    for (int i = 0; i < 7; i++) {
        if (tensor_get_flat(l, i) != case_linspace[i]) fprintf(stderr, "linspace %d: %.9g vs %.9g\n", i, tensor_get_flat(l, i), case_linspace[i]);
        CHECK(tensor_get_flat(l, i) == case_linspace[i]);
    }
    tensor_release(l);
    l = tensor_logspace(-2, 2.5, 5, 10, DT_F32);
    for (int i = 0; i < 5; i++) CHECK_CLOSE(tensor_get_flat(l, i), case_logspace[i], fabs(case_logspace[i]) * 1e-6);
    tensor_release(l);
    Tensor *a = tensor_arange(tensor_scalar_float(0.1), tensor_scalar_float(1.0), tensor_scalar_float(0.15), -1);
    CHECK(a->dtype == DT_F32 && a->shape[0] == (int64_t)(sizeof case_arange / sizeof *case_arange));
    for (int64_t i = 0; i < a->shape[0]; i++) CHECK(tensor_get_flat(a, i) == case_arange[i]);
    tensor_release(a);
    a = tensor_arange(tensor_scalar_int(0), tensor_scalar_int(10), tensor_scalar_int(3), -1);
    CHECK(a->dtype == DT_I64 && a->shape[0] == case_arange_len[0] && tensor_get_flat_i64(a, 3) == 9);
    tensor_release(a);
    a = tensor_arange(tensor_scalar_int(1), tensor_scalar_float(2.5), tensor_scalar_float(0.5), -1);
    CHECK(a->shape[0] == case_arange_len[1]);
    tensor_release(a);
    a = tensor_arange(tensor_scalar_int(10), tensor_scalar_int(0), tensor_scalar_int(-3), -1);
    CHECK(a->shape[0] == case_arange_len[2] && tensor_get_flat_i64(a, 3) == 1);
    tensor_release(a);
    a = tensor_arange(tensor_scalar_float(-1), tensor_scalar_float(1), tensor_scalar_float(0.1), -1);
    CHECK(a->shape[0] == case_arange_len[3]);
    tensor_release(a);
    for (size_t k = 0; k < sizeof case_ranges / sizeof *case_ranges; k++) {
        const RangeCase *c = &case_ranges[k];
        Tensor *r = c->kind ? tensor_arange(tensor_scalar_float(c->a), tensor_scalar_float(c->b),
                                            tensor_scalar_float(c->c), c->dt)
                            : tensor_linspace(c->a, c->b, (int64_t)c->c, c->dt);
        CHECK(r->shape[0] == c->n);
        int bad = 0;
        for (int i = 0; i < c->n; i++) bad += tensor_get_flat(r, i) != c->y[i];
        if (bad) fprintf(stderr, "range case %zu: %d values differ from PyTorch\n", k, bad);
        CHECK(bad == 0);
        tensor_release(r);
    }
    check_error(tensor_arange(tensor_scalar_int(0), tensor_scalar_int(10), tensor_scalar_int(0), -1),
                ERR_RUNTIME, "step must be nonzero");
    check_error(tensor_arange(tensor_scalar_int(10), tensor_scalar_int(0), tensor_scalar_int(1), -1),
                ERR_RUNTIME, "upper bound and larger bound inconsistent with step sign");
    check_error(tensor_linspace(0, 1, -1, DT_F32), ERR_RUNTIME, "number of steps must be non-negative");
    Tensor *e = tensor_eye(2, 3, DT_F32);
    for (int i = 0; i < 6; i++) CHECK(tensor_get_flat(e, i) == (i == 0 || i == 4));
    tensor_release(e);
    int64_t s[2] = {2, 2};
    Tensor *f = tensor_full(2, s, tensor_scalar_int(7), tensor_full_dtype(tensor_scalar_int(7)));
    CHECK(f->dtype == DT_I64 && tensor_get_flat_i64(f, 3) == 7);
    Tensor *o = tensor_ones_like(f, DT_BOOL);
    CHECK(o->dtype == DT_BOOL && tensor_get_flat(o, 2) == 1);
    tensor_release(f), tensor_release(o);
    int64_t big = INT64_C(9007199254740993);        // 2^53 + 1 survives the int64 path
    Tensor *bi = tensor_from_i64(&big, 0, NULL, DT_I64);
    CHECK(bi->ndim == 0 && tensor_get_flat_i64(bi, 0) == big);
    tensor_release(bi);
}

static void test_conversions(void) {
    int n = (int)(sizeof case_conv_x / sizeof *case_conv_x);
    Tensor *x = tensor_empty(1, (int64_t[]){n}, DT_F32);
    memcpy(tensor_data(x), case_conv_x, sizeof case_conv_x);
    for (size_t k = 0; k < sizeof case_conv / sizeof *case_conv; k++) {
        Tensor *y = tensor_to_dtype(x, case_conv[k].dt, false);
        for (int i = 0; i < n; i++) {
            if (tensor_get_flat_i64(y, i) != case_conv[k].y[i])
                fprintf(stderr, "conv to %s [%d]: %lld vs %lld\n", dtype_name(case_conv[k].dt), i,
                        (long long)tensor_get_flat_i64(y, i), (long long)case_conv[k].y[i]);
            CHECK(tensor_get_flat_i64(y, i) == case_conv[k].y[i]);
        }
        tensor_release(y);
    }
    Tensor *h = tensor_to_dtype(x, DT_F16, false), *b = tensor_to_dtype(x, DT_BF16, false);
    for (int i = 0; i < n; i++) {
        CHECK(same_float(tensor_get_flat(h, i), case_conv_f16[i]));
        CHECK(same_float(tensor_get_flat(b, i), case_conv_bf16[i]));
    }
    Tensor *same = tensor_to_dtype(x, DT_F32, false);
    CHECK(same == x);                               // to() without a change returns self
    tensor_release(same), tensor_release(h), tensor_release(b), tensor_release(x);
    // copy_: broadcast plus conversion into a strided destination.
    int64_t s[2] = {3, 2};
    Tensor *dst = tensor_zeros(2, s, DT_F64), *dt = tensor_t(dst);
    int64_t two = 2;
    Tensor *src = iota(1, &two);
    int64_t three = 3, rowshape[2] = {1, 3};
    Tensor *row = iota(1, &three), *row2 = tensor_view(row, 2, rowshape);
    CHECK(tensor_copy_(dt, row2) == 0);             // dt is (2, 3): rows broadcast
    for (int i = 0; i < 6; i++) CHECK(tensor_get_flat(dst, i) == i / 2);
    check_error((void *)(intptr_t)(tensor_copy_(src, row) + 1), ERR_RUNTIME,
                "The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0");
    tensor_release(row2), tensor_release(row), tensor_release(src), tensor_release(dt), tensor_release(dst);
    Tensor *five = tensor_from_scalar(tensor_scalar_int(5), false);
    TensorScalar it = tensor_item(five);
    CHECK(it.kind == SCALAR_INT && it.i == 5 && five->dtype == DT_I64 && !five->is_wrapped_number);
    tensor_release(five);
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "fail-alloc-child") == 0) return fail_alloc_child();
    test_dtypes();
    test_half();
    test_storage();
    test_views();
    test_view_errors();
    test_lists();
    test_shape_copies();
    test_create();
    test_conversions();
    CHECK(tensor_live_count() == 0);
    CHECK(run_child(3) == 0);
    return test_summary();
}
