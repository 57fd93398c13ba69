// A tiny unit-test harness: each tests/unit/test_*.c is its own program.
// CHECK* record a failure with file:line and keep going; test_summary()
// prints "N passed, N failed" and returns the exit status.
#ifndef TL_TEST_HARNESS_H
#define TL_TEST_HARNESS_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int harness_passed, harness_failed;

#define CHECK(cond) do { \
    if (cond) harness_passed++; \
    else { harness_failed++; fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); } \
} while (0)

#define CHECK_CLOSE(a, b, tol) do { \
    double ca_ = (double)(a), cb_ = (double)(b); \
    if (fabs(ca_ - cb_) <= (tol) || (isnan(ca_) && isnan(cb_))) harness_passed++; \
    else { harness_failed++; fprintf(stderr, "%s:%d: CHECK_CLOSE failed: %s = %.17g, %s = %.17g\n", \
                                     __FILE__, __LINE__, #a, ca_, #b, cb_); } \
} while (0)

#define CHECK_STR(a, b) do { \
    const char *sa_ = (a), *sb_ = (b); \
    if (sa_ && sb_ && strcmp(sa_, sb_) == 0) harness_passed++; \
    else { harness_failed++; fprintf(stderr, "%s:%d: CHECK_STR failed:\n  got:      \"%s\"\n  expected: \"%s\"\n", \
                                     __FILE__, __LINE__, sa_ ? sa_ : "(null)", sb_ ? sb_ : "(null)"); } \
} while (0)

static inline int test_summary(void) {
    printf("%d passed, %d failed\n", harness_passed, harness_failed);
    return harness_failed ? 1 : 0;
}

#endif
