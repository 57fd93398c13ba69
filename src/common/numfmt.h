// Number <-> text conversions with CPython 3.11's exact behaviour: float repr
// (shortest round-trip digits), float32 shortest digits as numpy prints them,
// format() specs, printf-style '%' conversions, int()/float() parsing, round().
// Pure C on top of glibc's exact printf/strtod; knows nothing of the VM: the
// VM fetches arguments and builds messages that need a repr.
#ifndef TL_COMMON_NUMFMT_H
#define TL_COMMON_NUMFMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/strbuf.h"

// ---------------------------------------------------------------------------
// Shortest round-trip digits and repr (numfmt.c)

#define FMT_REPR_BUFSZ 32      // enough for any fmt_float_repr/fmt_float32_repr

// Writes into [digits] (at least 18 bytes, NUL-terminated) the shortest
// decimal digit string that reads back as the finite double [x], the one
// nearest to [x] when several have that length, with no sign and no trailing
// zeros ("0" for zero); *[decpt] receives the position of the decimal point,
// so |x| == 0.DIGITS * 10^decpt (1.0 -> "1", 1; 0.05 -> "5", -1).
// Returns the number of digits. This is dtoa mode 0, what repr() uses.
int fmt_shortest_digits(double x, char *digits, int *decpt);

// As fmt_shortest_digits, but the digits read back as the float32 [x]
// (at most 9 digits); this is numpy's Dragon4 "unique" mode for float32.
int fmt_shortest_digits_f32(float x, char *digits, int *decpt);

// Writes Python's repr(x) of a float into [buf] ('0.1', '1e+16', '1e-05',
// '123.0', '-0.0', 'inf', 'nan'). Scientific notation when the decimal
// exponent is < -4 or >= 16, with at least two exponent digits; fixed
// notation otherwise, always with a '.0' when integral. Truncates to [cap]
// like snprintf and returns the full length (< FMT_REPR_BUFSZ).
size_t fmt_float_repr(double x, char *buf, size_t cap);

// numpy's str()/repr() of an np.float32 scalar (numpy 1.24): shortest
// float32 digits, positional when 1e-4 <= |x| < 1e16 (comparing the exact
// value, so float32(1e-4) prints '1e-04') or x == 0, else scientific; the
// same layout as fmt_float_repr otherwise ('0.1', '1.0', '1e+16', '-inf').
size_t fmt_float32_repr(float x, char *buf, size_t cap);

// Flags of fmt_double_to_string (CPython's Py_DTSF_*).
enum {
    FMT_DTSF_SIGN = 1,       // always write a sign ('+1.0')
    FMT_DTSF_ADD_DOT_0 = 2,  // '1.0' not '1' for integral fixed results
    FMT_DTSF_ALT = 4,        // '#' alternate form: keep '.' and trailing zeros
    FMT_DTSF_NO_NEG_0 = 8,   // 'z': results that round to zero lose their '-'
};

// CPython's PyOS_double_to_string: appends [x] formatted with [code] ('e',
// 'E', 'f', 'F', 'g', 'G', or 'r' = repr with [precision] 0) to [out];
// inf/nan print as inf/nan (INF/NAN for upper-case codes). Rounding is
// correct, ties to even on the exact binary value (format(0.125, '.2f') is
// '0.12'). Returns 0, or -1 with MemoryError when [precision] is absurd
// (> 100 000 000, where CPython would try to allocate it).
int fmt_double_to_string(double x, char code, int precision, int flags, StrBuf *out);

// Python's round(x, ndigits) for a float: the double nearest to [x]
// correctly rounded (half to even on the exact value) to [ndigits] decimal
// places, negative [ndigits] included (round(2.675, 2) == 2.67,
// round(1250.0, -2) == 1200.0, round(-0.4, 0) == -0.0); inf/nan returned
// as they are. Stores the result in *[out] and returns 0, or returns -1
// with OverflowError "rounded value too large to represent".
int fmt_round_double(double x, int64_t ndigits, double *out);

// Python's round(x) with no ndigits: [x] rounded to an integral double,
// halves to even (round(0.5) == 0, round(2.5) == 2, round(-0.5) == -0.0).
// The VM converts it to an int (and raises for inf/nan itself).
double fmt_round_half_even(double x);

// ---------------------------------------------------------------------------
// Integers in other bases (numfmt_parse.c)

#define FMT_INT_BUFSZ 72       // "-0b" + 64 binary digits + NUL, with room

enum {
    FMT_BASE_PREFIX = 1,     // 0b / 0o / 0x before the digits (after any '-')
    FMT_BASE_UPPER = 2,      // upper-case hex digits and prefix (0XFF)
};

// Writes [v] in [base] (2, 8, 10 or 16) into [buf] (FMT_INT_BUFSZ bytes) and
// returns its length: hex(255) is fmt_int_to_base(255, 16, FMT_BASE_PREFIX)
// = '0xff', bin(-5) = '-0b101', oct(8) = '0o10', str(v) uses base 10.
size_t fmt_int_to_base(int64_t v, int base, int flags, char *buf);

// ---------------------------------------------------------------------------
// Parsing (numfmt_parse.c). These return codes and never raise: the VM
// builds the message, which needs repr() of the argument:
//   "could not convert string to float: 'x'"
//   "invalid literal for int() with base 10: 'abc'" (the base as the user
//   gave it, 0 included; CPython cuts the repr to 200 characters).

enum {
    FMT_PARSE_OK = 0,
    FMT_PARSE_INVALID = -1,   // not a literal: ValueError
    FMT_PARSE_OVERFLOW = -2,  // a valid int literal outside int64
};

// Python's float(str) on the UTF-8 text [s] of [len] bytes: surrounding
// whitespace (ASCII and Unicode spaces), an optional sign, decimal digits
// with an optional point and exponent, or inf / infinity / nan in any case;
// single underscores only between digits ('1_000.5'); no hex ('0x1p3').
// Too-large values give inf and tiny ones 0, as in Python. Stores the value
// in *[out]. Returns FMT_PARSE_OK or FMT_PARSE_INVALID. Non-ASCII digits
// (which CPython accepts) are rejected.
int fmt_parse_float(const char *s, size_t len, double *out);

// Python's int(str, base) on [s] of [len] bytes, [base] 0 or 2..36 (the VM
// checks the range and raises "int() base must be >= 2 and <= 36, or 0"):
// whitespace, sign, single underscores between digits (one also allowed
// after a 0x/0o/0b prefix), prefixes when they match [base], base 0 picking
// the base from the prefix and rejecting leading zeros ('010') except for
// zero itself. Returns FMT_PARSE_OK with the value in *[out],
// FMT_PARSE_INVALID, or FMT_PARSE_OVERFLOW for a valid literal whose value
// does not fit in int64 (the VM raises OverflowError: tl has no big ints).
int fmt_parse_int(const char *s, size_t len, int base, int64_t *out);

// ---------------------------------------------------------------------------
// format() specs: [[fill]align][sign][z][#][0][width][grouping][.precision][type]
// (numfmt_spec.c). [spec] is UTF-8, NUL-terminated; results are appended
// to [out]. Each returns 0, or -1 with a pending ValueError (OverflowError
// for 'c' out of range) in CPython's words, e.g. "Unknown format code 'd'
// for object of type 'float'", "Format specifier missing precision",
// "Cannot specify ',' with 's'.". An empty [spec] gives str() of the value.
// Widths beyond 100 000 000 raise MemoryError instead of allocating.

// format(x, spec) for a float: types e E f F g G n % and none (none: repr
// without a precision, else like 'g' keeping at least one digit after the
// point: format(1e20, '.3') == '1e+20'). 'n' behaves as in the C locale.
int fmt_format_float(double x, const char *spec, StrBuf *out);

// format(v, spec) for an int: types b c d o x X n and none, plus the float
// types, which format float(v) (format(3, '.2f') == '3.00'). Python's bool
// formats as an int here; only format(True, '') is 'True' (VM's job).
int fmt_format_int(int64_t v, const char *spec, StrBuf *out);

// format(s, spec) for the UTF-8 string [s] of [len] bytes: fill, align,
// width and precision (truncation), both counted in code points.
int fmt_format_str(const char *s, size_t len, const char *spec, StrBuf *out);

// ---------------------------------------------------------------------------
// printf-style '%' formatting (numfmt_percent.c). The VM walks the format
// string; at each '%' it calls fmt_percent_parse, fetches the arguments
// (mapping key, then '*' width, then '*' precision, then the value), and
// formats the value with one of the fmt_percent_* functions below.

enum {
    FMT_PCT_LJUST = 1,    // '-'
    FMT_PCT_SIGN = 2,     // '+'
    FMT_PCT_BLANK = 4,    // ' '
    FMT_PCT_ALT = 8,      // '#'
    FMT_PCT_ZERO = 16,    // '0'
};

typedef struct {
    bool literal;          // "%%": write one '%' and consume no argument
    bool has_key;          // "%(key)s": the VM requires a mapping
    size_t key_start;      // byte offset and length of key in the format
    size_t key_len;
    int flags;             // FMT_PCT_*
    int64_t width;         // -1 when absent
    bool width_star;       // '*': take the width from the next argument
    int prec;              // -1 when absent
    bool prec_star;        // '.*': take the precision from the next argument
    uint32_t conv;         // the conversion character, a code point
    size_t conv_pos;       // its byte offset in the format
} FmtPercentSpec;

// Parses one conversion of the UTF-8 [fmt] of [len] bytes, *[pos] being the
// byte just after its '%':
//   '%' | ['(' key ')'] flags* [width | '*'] ['.' [prec | '*']] [h|l|L] conv
// (a missing number after '.' means precision 0). On success fills [spec],
// advances *[pos] past the conversion character and returns 0; returns -1
// with ValueError "incomplete format", "incomplete format key", "width too
// big" or "precision too big". The conversion character is not checked:
// see fmt_percent_unsupported. With a '*', the VM takes an int argument
// ("* wants int" otherwise); a negative '*' width means FMT_PCT_LJUST and
// its absolute value, a negative '*' precision means 0.
int fmt_percent_parse(const char *fmt, size_t len, size_t *pos, FmtPercentSpec *spec);

// Raises ValueError "unsupported format character 'y' (0x79) at index 1"
// for the conversion of [spec] (index counted in code points of [fmt]) and
// returns -1. Valid conversions: s r a c d i u o x X e E f F g G.
int fmt_percent_unsupported(const char *fmt, const FmtPercentSpec *spec);

// '%e' '%E' '%f' '%F' '%g' '%G' ([conv]) of [x] with [flags], [width] (-1 if
// absent) and [prec] (-1 if absent: 6), appended to [out]. Returns 0 or -1
// (MemoryError for absurd widths or precisions).
int fmt_percent_float(double x, int flags, int64_t width, int prec, char conv, StrBuf *out);

// '%d' '%i' '%u' '%o' '%x' '%X' of [v]; [prec] is a minimum digit count.
// ('%d' % 3.7 formats int(3.7): the VM truncates floats first.)
int fmt_percent_int(int64_t v, int flags, int64_t width, int prec, char conv, StrBuf *out);

// '%s' '%r' '%a' '%c' of text the VM already made (str(), repr(), ascii(),
// the one character): pads to [width] and, except for 'c', truncates to
// [prec] code points.
int fmt_percent_str(const char *s, size_t len, int flags, int64_t width, int prec,
                    char conv, StrBuf *out);

#endif
