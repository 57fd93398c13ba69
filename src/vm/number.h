// Arithmetic on Python numbers (int, float, bool) with Python's semantics:
// floor division and modulo signs, int ** negative -> float, 64-bit overflow
// -> OverflowError. The VM inlines the commonest int cases and calls these.
#ifndef TL_VM_NUMBER_H
#define TL_VM_NUMBER_H

#include "vm/object.h"

// [a] and [b] must both be numbers (val_is_number). New value or VAL_ERROR.
Value num_binary(BinaryOp op, Value a, Value b);
Value num_compare(Value a, Value b, CompareOp op);
Value num_unary(UnaryOp op, Value a);      // UN_NEG, UN_POS, UN_INVERT
int64_t num_hash(Value v);

#endif
