// dtype facts (size, name, category) and PyTorch's type promotion:
// torch.promote_types for pairs and the result-type rule for ops, where
// 0-d tensors and wrapped Python scalars only count when they raise the
// category (bool < integral < floating).
#include "tensor/tensor.h"

#include <string.h>

static const size_t sizes[] = {
#define DT(E, T, NAME, CAT) [DT_##E] = sizeof(T),
#include "tensor/dtype.def"
#undef DT
};
static const char *const names[] = {
#define DT(E, T, NAME, CAT) [DT_##E] = NAME,
#include "tensor/dtype.def"
#undef DT
};
static const int categories[] = {
#define DT(E, T, NAME, CAT) [DT_##E] = CAT,
#include "tensor/dtype.def"
#undef DT
};

static DType default_float = DT_F32;

size_t dtype_size(DType dt) { return sizes[dt]; }
const char *dtype_name(DType dt) { return names[dt]; }
int dtype_category(DType dt) { return categories[dt]; }
bool dtype_is_floating(DType dt) { return categories[dt] == 2; }
bool dtype_is_integral(DType dt) { return categories[dt] == 1; }
DType dtype_default_float(void) { return default_float; }
void dtype_set_default_float(DType dt) { default_float = dt; }

int dtype_from_name(const char *name) {
    for (int i = 0; i < DT__COUNT; i++)
        if (strcmp(names[i], name) == 0) return i;
    return -1;
}

// Rank among floats, for picking the wider one; float16 and bfloat16 are
// incomparable and meet at float32.
static int float_rank(DType dt) {
    return dt == DT_F64 ? 3 : dt == DT_F32 ? 2 : 1;
}

static DType promote_ints(DType a, DType b) {
    if (a == DT_U8 || b == DT_U8) {
        DType other = a == DT_U8 ? b : a;
        // uint8 with a signed type needs a signed type wider than 8 bits.
        return other == DT_U8 ? DT_U8 : other == DT_I8 ? DT_I16 : other;
    }
    return a > b ? a : b;       // I8 < I16 < I32 < I64 in dtype.def order
}

DType dtype_promote(DType a, DType b) {
    if (a == b) return a;
    if (a == DT_BOOL) return b;
    if (b == DT_BOOL) return a;
    bool fa = dtype_is_floating(a), fb = dtype_is_floating(b);
    if (fa && fb) {
        if (float_rank(a) == 1 && float_rank(b) == 1) return DT_F32;   // f16 + bf16
        return float_rank(a) >= float_rank(b) ? a : b;
    }
    if (fa) return a;
    if (fb) return b;
    return promote_ints(a, b);
}

#define DT_UNDEF (-1)

static int promote_undef(int a, int b) {
    if (a == DT_UNDEF) return b;
    if (b == DT_UNDEF) return a;
    return dtype_promote((DType)a, (DType)b);
}

// PyTorch's combine_categories: [lower] only matters if it is of a higher
// category than [higher], and then the two are promoted.
static int combine_categories(int higher, int lower) {
    if (higher != DT_UNDEF && dtype_is_floating((DType)higher)) return higher;
    if (higher == DT_BOOL || (lower != DT_UNDEF && dtype_is_floating((DType)lower)))
        return promote_undef(higher, lower);
    return higher != DT_UNDEF ? higher : lower;
}

DType tensor_result_type(const Tensor *const *ts, int n) {
    int dim = DT_UNDEF, zero = DT_UNDEF, wrapped = DT_UNDEF;
    for (int i = 0; i < n; i++) {
        const Tensor *t = ts[i];
        if (!t) continue;
        if (t->is_wrapped_number) {
            DType cur = dtype_is_floating(t->dtype) ? default_float : t->dtype;
            wrapped = promote_undef(wrapped, cur);
        } else if (t->ndim == 0) {
            zero = promote_undef(zero, t->dtype);
        } else {
            dim = promote_undef(dim, t->dtype);
        }
    }
    int r = combine_categories(dim, combine_categories(zero, wrapped));
    return r == DT_UNDEF ? default_float : (DType)r;
}

// Category a Python scalar of [kind] (0 bool, 1 int, 2 float) produces.
DType dtype_of_scalar_kind(int kind) {
    return kind == 0 ? DT_BOOL : kind == 1 ? DT_I64 : default_float;
}
