// Operator codes shared by the AST, the compiler's bytecode and the
// binary/unary/compare slots of native types (e.g. the tensor type in lib/).
#ifndef TL_VM_OPERATORS_H
#define TL_VM_OPERATORS_H

// Order matters: the dunder-name tables in vm/ index by these values.
typedef enum {
    BIN_ADD, BIN_SUB, BIN_MUL, BIN_MATMUL, BIN_TRUEDIV, BIN_FLOORDIV,
    BIN_MOD, BIN_POW, BIN_LSHIFT, BIN_RSHIFT, BIN_AND, BIN_OR, BIN_XOR,
    BIN__COUNT
} BinaryOp;

typedef enum { UN_NEG, UN_POS, UN_INVERT, UN_NOT, UN__COUNT } UnaryOp;

typedef enum {
    CMP_LT, CMP_LE, CMP_EQ, CMP_NE, CMP_GT, CMP_GE,   // rich comparisons
    CMP_IN, CMP_NOT_IN, CMP_IS, CMP_IS_NOT,
    CMP__COUNT
} CompareOp;

#endif
