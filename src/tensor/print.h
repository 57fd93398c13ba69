// Tensor printing, byte-identical to PyTorch 1.13's repr()/str() of a tensor
// (torch/_tensor_str.py; the rules are written down in shared/spec/printing.md),
// plus the process-wide print options of torch.set_printoptions and the
// torch.Size / shape-tuple reprs. The caller supplies what this layer cannot
// know (grad_fn name, device text), so printing needs neither autograd nor the VM.
#ifndef TL_TENSOR_PRINT_H
#define TL_TENSOR_PRINT_H

#include <stdbool.h>
#include <stdint.h>

#include "tensor/tensor.h"

// torch._tensor_str.PRINT_OPTS.
typedef struct {
    int precision;      // digits after the point in %.Nf / %.Ne (4)
    double threshold;   // summarize when numel > threshold (1000; INFINITY = 'full')
    int edgeitems;      // items kept at each end of a summarized dimension (3)
    int linewidth;      // characters per line for wrapping elements and suffixes (80)
    int sci_mode;       // -1 automatic (None), 0 never (False), 1 always (True)
} PrintOptions;

#define PRINT_OPTIONS_DEFAULT {4, 1000.0, 3, 80, -1}

// Bits of [given] in tensor_set_printoptions: which fields of [set] were passed.
enum {
    PRINT_OPT_PRECISION = 1 << 0,
    PRINT_OPT_THRESHOLD = 1 << 1,
    PRINT_OPT_EDGEITEMS = 1 << 2,
    PRINT_OPT_LINEWIDTH = 1 << 3,
};

// The current options; the pointer stays valid and sees later changes.
const PrintOptions *tensor_get_printoptions(void);

// Replaces every option at once (for saving and restoring around a print).
void tensor_put_printoptions(const PrintOptions *opts);

// torch.set_printoptions(precision, threshold, edgeitems, linewidth, profile,
// sci_mode): first [profile] ("default" (4, 1000, 3, 80), "short" (2, 1000, 2, 80),
// "full" (4, inf, 3, 80); NULL or an unknown name changes nothing, as in PyTorch),
// then each field of [set] whose PRINT_OPT_* bit is in [given]. sci_mode is
// always replaced by [sci_mode] (-1 when the call did not pass it: PyTorch
// resets it to None on every call). [set] may be NULL when [given] is 0.
void tensor_set_printoptions(const char *profile, unsigned given,
                             const PrintOptions *set, int sci_mode);

// What tensor_repr cannot read from the tensor itself. All fields optional.
typedef struct {
    const char *prefix;    // text before "tensor(", e.g. "Parameter containing:\n"
                           // (nn.Parameter); not counted in suffix wrapping
    const char *device;    // str(t.device) when not on the CPU ("cuda:0"), else NULL
    const char *grad_fn;   // grad_fn class name ("AddBackward0") or NULL
    bool requires_grad;    // leaf requiring grad: prints requires_grad=True
                           // (ignored when grad_fn is set, as in PyTorch)
} TensorReprSuffix;

// Returns repr(t) == str(t) as PyTorch prints it, e.g.
// "tensor([1., 2.], dtype=torch.float64, requires_grad=True)", in a new
// malloc'd string the caller frees; [suffix] may be NULL (plain CPU tensor).
// [t] must be readable on the host: a caller printing a CUDA tensor copies it
// to the CPU first and passes the device text in [suffix]. Uses the current
// print options and dtype_default_float() (which dtype goes unmarked).
// Returns NULL with a pending error only for options PyTorch also fails on
// (negative precision: ValueError; edgeitems <= 0 on a summarized n-d tensor:
// RuntimeError).
char *tensor_repr(const Tensor *t, const TensorReprSuffix *suffix);

// "torch.Size([2, 3])", "torch.Size([])"; new malloc'd string.
char *tensor_size_repr(int ndim, const int64_t *shape);

// Python tuple repr of a shape: "(0, 3)", "(2,)", "()"; new malloc'd string.
char *tensor_shape_tuple_repr(int ndim, const int64_t *shape);

#endif
