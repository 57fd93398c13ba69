// backward_fns[]: each row of tensor/ops.def gets its bwd_<name>, or NULL
// when its grad_fn is NotImplemented (comparisons, argmax ...: their outputs
// never require grad). A row whose formula is missing is a link error.
#include "autograd/internal.h"

// Detecting the token NotImplemented in a macro argument: AG_NI_<grad_fn>
// expands to "~, 1," only for NotImplemented, which shifts 1 into the
// second position that AG_SECOND picks; any other name leaves 0 there.
#define AG_NI_NotImplemented ~, 1,
#define AG_SECOND_(a, b, ...) b
#define AG_SECOND(...) AG_SECOND_(__VA_ARGS__)
#define AG_IS_NI(gf) AG_SECOND(AG_NI_##gf, 0, ~)
#define AG_CAT_(a, b) a##b
#define AG_CAT(a, b) AG_CAT_(a, b)
#define AG_BWD_0(name) bwd_##name
#define AG_BWD_1(name) NULL

const AgBackwardFn ag_backward_fns[OP__COUNT] = {
#define OP(E, name, nin, kind, gf) [OP_##E] = AG_CAT(AG_BWD_, AG_IS_NI(gf))(name),
#include "tensor/ops.def"
#undef OP
};
