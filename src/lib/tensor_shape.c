// Shape methods and their torch.* forms: view/reshape/flatten, squeeze and
// unsqueeze, t/transpose/permute/movedim, expand/repeat, narrow/select,
// unbind/chunk/split, flip/roll/tril/triu/diag, cat/stack and friends.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/tensor_internal.h"
#include "tensor/storage.h"
#include "vm/containers.h"

// Ints given as varargs (permute(1, 0)) or as one sequence (permute((1, 0))).
static int varargs_ints(const char *fname, const char *what, int nargs, Value *args, int *n,
                        int64_t *out) {
    if (nargs == 1 && lib_is_seq(args[0]))
        return lib_arg_int_list(args[0], fname, what, n, out, TENSOR_MAX_DIMS);
    if (nargs > TENSOR_MAX_DIMS)
        return tl_raise_int(ERR_RUNTIME, "%s(): too many dimensions (%d, at most %d)", fname, nargs,
                            TENSOR_MAX_DIMS);
    for (int i = 0; i < nargs; i++)
        if (lib_arg_int(args[i], fname, what, &out[i]) < 0) return -1;
    *n = nargs;
    return 0;
}

// Positional-or-keyword binding of the arguments after self.
#define BIND(fname, names, npos, a) \
    LIB_BIND(fname, nargs - 1, args + 1, kw, names, npos, a)

static int opt_int(Value v, const char *fname, const char *what, int64_t dflt, int64_t *out) {
    if (IS_UNDEF(v) || IS_NONE(v)) {
        *out = dflt;
        return 0;
    }
    return lib_arg_int(v, fname, what, out);
}

static int need(Value v, const char *fname, const char *what) {
    if (!IS_UNDEF(v)) return 0;
    return tl_raise_int(ERR_TYPE, "%s() missing 1 required positional arguments: \"%s\"", fname, what);
}

// ---------------------------------------------------------------- view / reshape

static Value m_view(int nargs, Value *args, const KwArgs *kw) {
    SELF("view");
    int nd;
    int64_t shape[TENSOR_MAX_DIMS];
    if (nargs == 2 && lib_is_dtype(args[1]))
        return exc_raise(exc_class_for_kind(ERR_NOT_IMPLEMENTED), "view(dtype) is not supported by tl");
    if (arg_no_kwargs("view", kw) < 0 || lib_arg_shape("view", nargs - 1, args + 1, &nd, shape) < 0)
        return VAL_ERROR;
    return lib_tensor_wrap(lib_op_view(self, nd, shape));
}

static Value m_reshape(int nargs, Value *args, const KwArgs *kw) {
    SELF("reshape");
    int nd;
    int64_t shape[TENSOR_MAX_DIMS];
    Value *sargs = args + 1;
    int ns = nargs - 1;
    if (kw && kw->n == 1 && strcmp(kw->names[0]->data, "shape") == 0 && ns == 0) {
        sargs = kw->values;
        ns = 1;
    } else if (arg_no_kwargs("reshape", kw) < 0) {
        return VAL_ERROR;
    }
    if (lib_arg_shape("reshape", ns, sargs, &nd, shape) < 0) return VAL_ERROR;
    return lib_tensor_wrap(lib_op_reshape(self, nd, shape));
}

// x.view_as(o), x.reshape_as(o), x.expand_as(o): [op] with o's shape.
static Value shape_as(const char *fname, int nargs, Value *args, const KwArgs *kw,
                      Tensor *(*op)(const Tensor *, int, const int64_t *)) {
    SELF(fname);
    Tensor *o;
    if (arg_check_count(fname, nargs - 1, 1, 1) < 0 || arg_no_kwargs(fname, kw) < 0 ||
        lib_arg_tensor(args[1], fname, "other", 1, &o) < 0)
        return VAL_ERROR;
    return lib_tensor_wrap(op(self, o->ndim, o->shape));
}

static Value m_view_as(int nargs, Value *args, const KwArgs *kw) {
    return shape_as("view_as", nargs, args, kw, lib_op_view);
}

static Value m_reshape_as(int nargs, Value *args, const KwArgs *kw) {
    return shape_as("reshape_as", nargs, args, kw, lib_op_reshape);
}

static Value m_flatten(int nargs, Value *args, const KwArgs *kw) {
    SELF("flatten");
    static const char *const names[] = {"start_dim", "end_dim"};
    Value a[2];
    int64_t s, e;
    if (BIND("flatten", names, 2, a) < 0 || opt_int(a[0], "flatten", "start_dim", 0, &s) < 0 ||
        opt_int(a[1], "flatten", "end_dim", -1, &e) < 0)
        return VAL_ERROR;
    Tensor *r = lib_op_flatten(self, s, e);
    if (r == self) {   // nothing to flatten: PyTorch still returns a new tensor object (an alias)
        tensor_release(r);
        return lib_tensor_wrap(lib_op_view(self, self->ndim, self->shape));
    }
    return lib_tensor_wrap(r);
}

static Value m_unflatten(int nargs, Value *args, const KwArgs *kw) {
    SELF("unflatten");
    static const char *const names[] = {"dim", "sizes"};
    Value a[2];
    int64_t dim, sizes[TENSOR_MAX_DIMS];
    int n;
    if (BIND("unflatten", names, 2, a) < 0 || need(a[0], "unflatten", "dim") < 0 ||
        need(a[1], "unflatten", "sizes") < 0 || lib_arg_int(a[0], "unflatten", "dim", &dim) < 0 ||
        lib_arg_int_list(a[1], "unflatten", "sizes", &n, sizes, TENSOR_MAX_DIMS) < 0)
        return VAL_ERROR;
    return lib_tensor_wrap(lib_op_unflatten(self, dim, n, sizes));
}

// ---------------------------------------------------------------- squeeze / unsqueeze

static Value m_squeeze(int nargs, Value *args, const KwArgs *kw) {
    SELF("squeeze");
    static const char *const names[] = {"dim"};
    Value a[1];
    int64_t d;
    if (BIND("squeeze", names, 1, a) < 0) return VAL_ERROR;
    if (IS_UNDEF(a[0]) || IS_NONE(a[0])) return lib_tensor_wrap(lib_op_squeeze(self));
    if (lib_arg_int(a[0], "squeeze", "dim", &d) < 0) return VAL_ERROR;
    return lib_tensor_wrap(lib_op_squeeze_dim(self, d));
}

static Value m_unsqueeze(int nargs, Value *args, const KwArgs *kw) {
    SELF("unsqueeze");
    static const char *const names[] = {"dim"};
    Value a[1];
    int64_t d;
    if (BIND("unsqueeze", names, 1, a) < 0 || need(a[0], "unsqueeze", "dim") < 0 ||
        lib_arg_int(a[0], "unsqueeze", "dim", &d) < 0)
        return VAL_ERROR;
    return lib_tensor_wrap(lib_op_unsqueeze(self, d));
}

// In-place view ops (t_, transpose_, squeeze_, unsqueeze_) give [t] the
// geometry of the view [v] computed for it.
static Value become(Value selfv, Tensor *v) {
    if (!v) return VAL_ERROR;
    Tensor *t = lib_tensor(selfv);
    t->ndim = v->ndim;
    memcpy(t->shape, v->shape, sizeof(int64_t) * (size_t)v->ndim);
    memcpy(t->strides, v->strides, sizeof(int64_t) * (size_t)v->ndim);
    t->offset = v->offset;
    tensor_release(v);
    return val_incref(selfv);
}

static Value m_squeeze_(int nargs, Value *args, const KwArgs *kw) {
    SELF("squeeze_");
    static const char *const names[] = {"dim"};
    Value a[1];
    int64_t d;
    if (BIND("squeeze_", names, 1, a) < 0) return VAL_ERROR;
    if (IS_UNDEF(a[0]) || IS_NONE(a[0])) return become(args[0], tensor_squeeze(self));
    if (lib_arg_int(a[0], "squeeze_", "dim", &d) < 0) return VAL_ERROR;
    return become(args[0], tensor_squeeze_dim(self, d));
}

static Value m_unsqueeze_(int nargs, Value *args, const KwArgs *kw) {
    SELF("unsqueeze_");
    static const char *const names[] = {"dim"};
    Value a[1];
    int64_t d;
    if (BIND("unsqueeze_", names, 1, a) < 0 || need(a[0], "unsqueeze_", "dim") < 0 ||
        lib_arg_int(a[0], "unsqueeze_", "dim", &d) < 0)
        return VAL_ERROR;
    return become(args[0], tensor_unsqueeze(self, d));
}

// x.resize_(*sizes): contiguous geometry over the same storage, grown
// (old bytes kept, new ones uninitialised) when it is too small.
static Value m_resize_(int nargs, Value *args, const KwArgs *kw) {
    SELF("resize_");
    int nd;
    int64_t shape[TENSOR_MAX_DIMS];
    (void)kw;   // memory_format=
    if (lib_arg_shape("resize_", nargs - 1, args + 1, &nd, shape) < 0) return VAL_ERROR;
    Tensor *probe = tensor_empty(nd, shape, self->dtype);   // checks sizes, sizes the bytes
    if (!probe) return VAL_ERROR;
    size_t need = (size_t)(self->offset + tensor_numel(probe)) * dtype_size(self->dtype);
    if (need > self->storage->nbytes) {
        Storage *s = storage_new(need, false);
        if (!s) {
            tensor_release(probe);
            return VAL_ERROR;
        }
        memcpy(s->data, self->storage->data, self->storage->nbytes);
        storage_release(self->storage);
        self->storage = s;
    }
    self->ndim = nd;
    memcpy(self->shape, probe->shape, sizeof(int64_t) * (size_t)nd);
    memcpy(self->strides, probe->strides, sizeof(int64_t) * (size_t)nd);
    tensor_release(probe);
    return val_incref(args[0]);
}

// ---------------------------------------------------------------- transposes

static Value m_t(int nargs, Value *args, const KwArgs *kw) {
    SELF("t");
    if (lib_no_args("t", nargs, kw) < 0) return VAL_ERROR;
    return lib_tensor_wrap(lib_op_t(self));
}

static Value m_t_(int nargs, Value *args, const KwArgs *kw) {
    SELF("t_");
    if (lib_no_args("t_", nargs, kw) < 0) return VAL_ERROR;
    return become(args[0], tensor_t(self));
}

static int two_dims(const char *fname, int nargs, Value *args, const KwArgs *kw, int64_t *d0, int64_t *d1) {
    static const char *const names[] = {"dim0", "dim1"};
    Value a[2];
    if (BIND(fname, names, 2, a) < 0 || need(a[0], fname, "dim0") < 0 || need(a[1], fname, "dim1") < 0 ||
        lib_arg_int(a[0], fname, "dim0", d0) < 0 || lib_arg_int(a[1], fname, "dim1", d1) < 0)
        return -1;
    return 0;
}

static Value m_transpose(int nargs, Value *args, const KwArgs *kw) {
    SELF("transpose");
    int64_t d0, d1;
    if (two_dims("transpose", nargs, args, kw, &d0, &d1) < 0) return VAL_ERROR;
    return lib_tensor_wrap(lib_op_transpose(self, d0, d1));
}

static Value m_transpose_(int nargs, Value *args, const KwArgs *kw) {
    SELF("transpose_");
    int64_t d0, d1;
    if (two_dims("transpose_", nargs, args, kw, &d0, &d1) < 0) return VAL_ERROR;
    return become(args[0], tensor_transpose(self, d0, d1));
}

static Value m_permute(int nargs, Value *args, const KwArgs *kw) {
    SELF("permute");
    int n;
    int64_t dims[TENSOR_MAX_DIMS];
    Value *dargs = args + 1;
    int nd = nargs - 1;
    if (kw && kw->n == 1 && strcmp(kw->names[0]->data, "dims") == 0 && nd == 0) {
        dargs = kw->values;
        nd = 1;
    } else if (arg_no_kwargs("permute", kw) < 0) {
        return VAL_ERROR;
    }
    if (varargs_ints("permute", "dims", nd, dargs, &n, dims) < 0) return VAL_ERROR;
    return lib_tensor_wrap(lib_op_permute(self, n, dims));
}

static Value m_movedim(int nargs, Value *args, const KwArgs *kw) {
    SELF("movedim");
    static const char *const names[] = {"source", "destination"};
    Value a[2];
    int64_t s, d;
    if (BIND("movedim", names, 2, a) < 0 || need(a[0], "movedim", "source") < 0 ||
        need(a[1], "movedim", "destination") < 0 || lib_arg_int(a[0], "movedim", "source", &s) < 0 ||
        lib_arg_int(a[1], "movedim", "destination", &d) < 0)
        return VAL_ERROR;
    return lib_tensor_wrap(lib_op_movedim(self, s, d));
}

// ---------------------------------------------------------------- expand / repeat

static Value m_expand(int nargs, Value *args, const KwArgs *kw) {
    SELF("expand");
    int nd;
    int64_t shape[TENSOR_MAX_DIMS];
    if (lib_arg_shape("expand", nargs - 1, args + 1, &nd, shape) < 0) return VAL_ERROR;
    (void)kw;   // implicit= is accepted and ignored
    return lib_tensor_wrap(lib_op_expand(self, nd, shape));
}

static Value m_expand_as(int nargs, Value *args, const KwArgs *kw) {
    return shape_as("expand_as", nargs, args, kw, lib_op_expand);
}

static Value m_repeat(int nargs, Value *args, const KwArgs *kw) {
    SELF("repeat");
    int n;
    int64_t reps[TENSOR_MAX_DIMS];
    if (arg_no_kwargs("repeat", kw) < 0 || varargs_ints("repeat", "repeats", nargs - 1, args + 1, &n, reps) < 0)
        return VAL_ERROR;
    return lib_tensor_wrap(lib_op_repeat(self, n, reps));
}

// ---------------------------------------------------------------- narrow / select / split

static Value m_narrow(int nargs, Value *args, const KwArgs *kw) {
    SELF("narrow");
    static const char *const names[] = {"dim", "start", "length"};
    Value a[3];
    int64_t d, s, l;
    if (BIND("narrow", names, 3, a) < 0 || need(a[0], "narrow", "dim") < 0 || need(a[1], "narrow", "start") < 0 ||
        need(a[2], "narrow", "length") < 0 || lib_arg_int(a[0], "narrow", "dim", &d) < 0 ||
        lib_arg_int(a[1], "narrow", "start", &s) < 0 || lib_arg_int(a[2], "narrow", "length", &l) < 0)
        return VAL_ERROR;
    return lib_tensor_wrap(lib_op_narrow(self, d, s, l));
}

static Value m_select(int nargs, Value *args, const KwArgs *kw) {
    SELF("select");
    static const char *const names[] = {"dim", "index"};
    Value a[2];
    int64_t d, i;
    if (BIND("select", names, 2, a) < 0 || need(a[0], "select", "dim") < 0 || need(a[1], "select", "index") < 0 ||
        lib_arg_int(a[0], "select", "dim", &d) < 0 || lib_arg_int(a[1], "select", "index", &i) < 0)
        return VAL_ERROR;
    return lib_tensor_wrap(lib_op_select(self, d, i));
}

static Value list_result(int rc, TensorList *l) {
    if (rc < 0) return VAL_ERROR;
    Value t = lib_tuple_of_tensors(l->items, l->n);
    free(l->items);
    return t;
}

static Value m_unbind(int nargs, Value *args, const KwArgs *kw) {
    SELF("unbind");
    static const char *const names[] = {"dim"};
    Value a[1];
    int64_t d;
    TensorList l = {0};
    if (BIND("unbind", names, 1, a) < 0 || opt_int(a[0], "unbind", "dim", 0, &d) < 0) return VAL_ERROR;
    return list_result(lib_op_unbind(self, d, &l), &l);
}

static Value m_chunk(int nargs, Value *args, const KwArgs *kw) {
    SELF("chunk");
    static const char *const names[] = {"chunks", "dim"};
    Value a[2];
    int64_t c, d;
    TensorList l = {0};
    if (BIND("chunk", names, 2, a) < 0 || need(a[0], "chunk", "chunks") < 0 ||
        lib_arg_int(a[0], "chunk", "chunks", &c) < 0 || opt_int(a[1], "chunk", "dim", 0, &d) < 0)
        return VAL_ERROR;
    return list_result(lib_op_chunk(self, c, d, &l), &l);
}

static Value m_split(int nargs, Value *args, const KwArgs *kw) {
    SELF("split");
    static const char *const names[] = {"split_size", "dim"};
    Value a[2];
    int64_t d, size, sizes[TENSOR_MAX_DIMS * 8];
    int n;
    TensorList l = {0};
    if (BIND("split", names, 2, a) < 0) return VAL_ERROR;
    for (int k = 0; kw && k < kw->n; k++)   // torch.split names it split_size_or_sections
        if (strcmp(kw->names[k]->data, "split_size_or_sections") == 0) a[0] = kw->values[k];
    if (need(a[0], "split", "split_size") < 0 || opt_int(a[1], "split", "dim", 0, &d) < 0) return VAL_ERROR;
    if (lib_is_seq(a[0])) {
        if (lib_arg_int_list(a[0], "split", "split_size", &n, sizes, TENSOR_MAX_DIMS * 8) < 0) return VAL_ERROR;
        return list_result(lib_op_split_sizes(self, n, sizes, d, &l), &l);
    }
    if (lib_arg_int(a[0], "split", "split_size", &size) < 0) return VAL_ERROR;
    return list_result(lib_op_split(self, size, d, &l), &l);
}

// ---------------------------------------------------------------- copies

static Value m_flip(int nargs, Value *args, const KwArgs *kw) {
    SELF("flip");
    int n;
    int64_t dims[TENSOR_MAX_DIMS];
    Value *dargs = args + 1;
    int nd = nargs - 1;
    if (kw && kw->n == 1 && strcmp(kw->names[0]->data, "dims") == 0 && nd == 0) {
        dargs = kw->values;
        nd = 1;
    }
    if (varargs_ints("flip", "dims", nd, dargs, &n, dims) < 0) return VAL_ERROR;
    return lib_tensor_wrap(lib_op_flip(self, n, dims));
}

static Value m_roll(int nargs, Value *args, const KwArgs *kw) {
    SELF("roll");
    static const char *const names[] = {"shifts", "dims"};
    Value a[2];
    int64_t shifts[TENSOR_MAX_DIMS], dims[TENSOR_MAX_DIMS];
    int ns, nd = 0;
    if (BIND("roll", names, 2, a) < 0 || need(a[0], "roll", "shifts") < 0 ||
        lib_arg_int_list(a[0], "roll", "shifts", &ns, shifts, TENSOR_MAX_DIMS) < 0)
        return VAL_ERROR;
    if (!IS_UNDEF(a[1]) && !IS_NONE(a[1]) &&
        lib_arg_int_list(a[1], "roll", "dims", &nd, dims, TENSOR_MAX_DIMS) < 0)
        return VAL_ERROR;
    return lib_tensor_wrap(lib_op_roll(self, ns, shifts, nd, dims));
}

static Value tri(int nargs, Value *args, const KwArgs *kw, const char *fname, int which) {
    SELF(fname);
    static const char *const names[] = {"diagonal"};
    Value a[1];
    int64_t k;
    if (BIND(fname, names, 1, a) < 0 || opt_int(a[0], fname, "diagonal", 0, &k) < 0) return VAL_ERROR;
    if (which == 0) return lib_tensor_wrap(lib_op_tril(self, k));
    if (which == 1) return lib_tensor_wrap(lib_op_triu(self, k));
    if (which == 2) return lib_tensor_wrap(lib_op_diag(self, k));
    Tensor *r = which == 3 ? lib_op_tril(self, k) : lib_op_triu(self, k);
    if (!r) return VAL_ERROR;
    int rc = lib_op_copy_(self, r);
    tensor_release(r);
    return lib_ret_self(rc, args);
}

static Value m_tril(int nargs, Value *args, const KwArgs *kw) { return tri(nargs, args, kw, "tril", 0); }
static Value m_triu(int nargs, Value *args, const KwArgs *kw) { return tri(nargs, args, kw, "triu", 1); }
static Value m_diag(int nargs, Value *args, const KwArgs *kw) { return tri(nargs, args, kw, "diag", 2); }
static Value m_tril_(int nargs, Value *args, const KwArgs *kw) { return tri(nargs, args, kw, "tril_", 3); }
static Value m_triu_(int nargs, Value *args, const KwArgs *kw) { return tri(nargs, args, kw, "triu_", 4); }

static Value m_diagonal(int nargs, Value *args, const KwArgs *kw) {
    SELF("diagonal");
    static const char *const names[] = {"offset", "dim1", "dim2"};
    Value a[3];
    int64_t o, d1, d2;
    if (BIND("diagonal", names, 3, a) < 0 || opt_int(a[0], "diagonal", "offset", 0, &o) < 0 ||
        opt_int(a[1], "diagonal", "dim1", 0, &d1) < 0 || opt_int(a[2], "diagonal", "dim2", 1, &d2) < 0)
        return VAL_ERROR;
    return lib_tensor_wrap(lib_op_diagonal(self, o, d1, d2));
}

// torch.broadcast_to(x, shape): expand.
static Value f_broadcast_to(int nargs, Value *args, const KwArgs *kw) {
    SELF("broadcast_to");
    static const char *const names[] = {"size"};
    Value a[1];
    int nd;
    int64_t shape[TENSOR_MAX_DIMS];
    if (BIND("broadcast_to", names, 1, a) < 0 || need(a[0], "broadcast_to", "size") < 0 ||
        lib_arg_shape("broadcast_to", 1, a, &nd, shape) < 0)
        return VAL_ERROR;
    return lib_tensor_wrap(lib_op_expand(self, nd, shape));
}

// torch.meshgrid(*tensors, indexing='ij'): each 1-D input viewed and expanded
// over the grid; 'xy' swaps the first two dims.
static Value f_meshgrid(int nargs, Value *args, const KwArgs *kw) {
    const char *indexing = NULL;
    for (int k = 0; kw && k < kw->n; k++) {
        if (strcmp(kw->names[k]->data, "indexing") != 0 || !val_is_str(kw->values[k]))
            return exc_raise(exc_TypeError, "meshgrid() got an unexpected keyword argument '%s'", kw->names[k]->data);
        indexing = val_cstr(kw->values[k]);
    }
    if (!indexing)
        fprintf(stderr, "UserWarning: torch.meshgrid: in an upcoming release, it will be required to pass "
                "the indexing argument.\n");
    bool xy = indexing && strcmp(indexing, "xy") == 0;
    if (indexing && !xy && strcmp(indexing, "ij") != 0)
        return tl_raise(ERR_RUNTIME, "torch.meshgrid: indexing must be one of \"xy\" or \"ij\", but received: %s",
                        indexing), VAL_ERROR;
    Tensor **ts;
    int n;
    if (nargs == 1 && !lib_is_tensor(args[0])) {
        if (lib_arg_tensor_list(args[0], "meshgrid", "tensors", &ts, &n) < 0) return VAL_ERROR;
    } else {
        Value tup = tuple_from_array(args, nargs);
        if (IS_ERR(tup)) return tup;
        int rc = lib_arg_tensor_list(tup, "meshgrid", "tensors", &ts, &n);
        val_decref(tup);
        if (rc < 0) return VAL_ERROR;
    }
    int64_t shape[TENSOR_MAX_DIMS];
    if (n > TENSOR_MAX_DIMS) {
        free(ts);
        return tl_raise(ERR_RUNTIME, "meshgrid: too many tensors"), VAL_ERROR;
    }
    for (int i = 0; i < n; i++) {
        if (ts[i]->ndim > 1) {
            free(ts);
            return tl_raise(ERR_RUNTIME, "torch.meshgrid: Expected 0D or 1D tensor in the tensor list but "
                            "got: %s", "a tensor with more dims"), VAL_ERROR;
        }
        shape[i] = tensor_numel(ts[i]);
    }
    if (xy && n >= 2) { int64_t t = shape[0]; shape[0] = shape[1]; shape[1] = t; }
    Tensor **outs = calloc((size_t)(n > 0 ? n : 1), sizeof *outs);
    int rc = outs ? 0 : -1;
    for (int i = 0; i < n && rc == 0; i++) {
        int64_t vs[TENSOR_MAX_DIMS];
        int pos = xy && n >= 2 && i < 2 ? 1 - i : i;
        for (int d = 0; d < n; d++) vs[d] = d == pos ? shape[d] : 1;
        Tensor *v = lib_op_view(ts[i], n, vs);
        outs[i] = v ? lib_op_expand(v, n, shape) : NULL;
        tensor_release(v);
        if (!outs[i]) rc = -1;
    }
    free(ts);
    if (rc < 0) {
        for (int i = 0; outs && i < n; i++) tensor_release(outs[i]);
        free(outs);
        return VAL_ERROR;
    }
    Value r = lib_tuple_of_tensors(outs, n);
    free(outs);
    return r;
}

// ---------------------------------------------------------------- cat / stack

static Value join(int nargs, Value *args, const KwArgs *kw, const char *fname, int kind) {
    static const char *const names[] = {"tensors", "dim", "out"};
    Value a[3];
    Tensor **ts;
    int n;
    int64_t d;
    if (LIB_BIND(fname, nargs, args, kw, names, kind >= 2 ? 1 : 2, a) < 0 || need(a[0], fname, "tensors") < 0 ||
        lib_arg_tensor_list(a[0], fname, "tensors", &ts, &n) < 0)
        return VAL_ERROR;
    if (opt_int(a[1], fname, "dim", 0, &d) < 0) {
        free(ts);
        return VAL_ERROR;
    }
    const Tensor *const *cts = (const Tensor *const *)ts;
    Tensor *r = kind == 0 ? lib_op_cat(n, cts, d) : kind == 1 ? lib_op_stack(n, cts, d)
              : kind == 2 ? lib_op_hstack(n, cts) : lib_op_vstack(n, cts);
    free(ts);
    return lib_return_out(a[2], r);
}

static Value f_cat(int nargs, Value *args, const KwArgs *kw) { return join(nargs, args, kw, "cat", 0); }
static Value f_stack(int nargs, Value *args, const KwArgs *kw) { return join(nargs, args, kw, "stack", 1); }
static Value f_hstack(int nargs, Value *args, const KwArgs *kw) { return join(nargs, args, kw, "hstack", 2); }
static Value f_vstack(int nargs, Value *args, const KwArgs *kw) { return join(nargs, args, kw, "vstack", 3); }

const NativeMethodDef lib_tensor_methods_shape[] = {
    {"view", m_view, NULL},
    {"view_as", m_view_as, NULL},
    {"reshape", m_reshape, NULL},
    {"reshape_as", m_reshape_as, NULL},
    {"flatten", m_flatten, NULL},
    {"unflatten", m_unflatten, NULL},
    {"squeeze", m_squeeze, NULL},
    {"unsqueeze", m_unsqueeze, NULL},
    {"squeeze_", m_squeeze_, NULL},
    {"resize_", m_resize_, NULL},
    {"unsqueeze_", m_unsqueeze_, NULL},
    {"t", m_t, NULL},
    {"t_", m_t_, NULL},
    {"transpose", m_transpose, NULL},
    {"transpose_", m_transpose_, NULL},
    {"swapaxes", m_transpose, NULL},
    {"swapdims", m_transpose, NULL},
    {"permute", m_permute, NULL},
    {"movedim", m_movedim, NULL},
    {"moveaxis", m_movedim, NULL},
    {"expand", m_expand, NULL},
    {"expand_as", m_expand_as, NULL},
    {"repeat", m_repeat, NULL},
    {"narrow", m_narrow, NULL},
    {"select", m_select, NULL},
    {"unbind", m_unbind, NULL},
    {"chunk", m_chunk, NULL},
    {"split", m_split, NULL},
    {"flip", m_flip, NULL},
    {"roll", m_roll, NULL},
    {"tril", m_tril, NULL},
    {"triu", m_triu, NULL},
    {"tril_", m_tril_, NULL},
    {"triu_", m_triu_, NULL},
    {"diag", m_diag, NULL},
    {"diagonal", m_diagonal, NULL},
    {"broadcast_to", f_broadcast_to, NULL},
    {NULL, NULL, NULL},
};

const NativeMethodDef lib_torch_fns_shape[] = {
    {"reshape", m_reshape, NULL},
    {"flatten", m_flatten, NULL},
    {"unflatten", m_unflatten, NULL},
    {"squeeze", m_squeeze, NULL},
    {"unsqueeze", m_unsqueeze, NULL},
    {"t", m_t, NULL},
    {"transpose", m_transpose, NULL},
    {"swapaxes", m_transpose, NULL},
    {"swapdims", m_transpose, NULL},
    {"permute", m_permute, NULL},
    {"movedim", m_movedim, NULL},
    {"moveaxis", m_movedim, NULL},
    {"narrow", m_narrow, NULL},
    {"select", m_select, NULL},
    {"unbind", m_unbind, NULL},
    {"chunk", m_chunk, NULL},
    {"split", m_split, NULL},
    {"flip", m_flip, NULL},
    {"roll", m_roll, NULL},
    {"tril", m_tril, NULL},
    {"triu", m_triu, NULL},
    {"diag", m_diag, NULL},
    {"diagonal", m_diagonal, NULL},
    {"cat", f_cat, NULL},
    {"concat", f_cat, NULL},
    {"concatenate", f_cat, NULL},
    {"stack", f_stack, NULL},
    {"hstack", f_hstack, NULL},
    {"vstack", f_vstack, NULL},
    {"broadcast_to", f_broadcast_to, NULL},
    {"meshgrid", f_meshgrid, NULL},
    {NULL, NULL, NULL},
};
