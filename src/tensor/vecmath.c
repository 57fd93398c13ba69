// SLEEF's float exp (Cody-Waite reduction by ln 2, degree-6 polynomial) and
// log (double-float arithmetic on (m - 1) / (m + 1)), re-derived from their
// published algorithms; see vecmath.h for why tl needs their exact rounding.
#include "tensor/vecmath.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

static uint32_t bits_of(float f) {
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return u;
}

static float from_bits(uint32_t u) {
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

float tensor_vec_expf(float d) {
    if (isnan(d)) return d;
    if (d > 100) return INFINITY;
    if (d < -104) return 0;
    int q = (int)rintf(d * 1.442695040888963407359924681001892137f);
    float s = fmaf((float)q, -0.693145751953125f, d);
    s = fmaf((float)q, -1.428606765330187045e-06f, s);
    float u = 0.000198527617612853646278381f;
    u = fmaf(u, s, 0.00139304355252534151077271f);
    u = fmaf(u, s, 0.00833336077630519866943359f);
    u = fmaf(u, s, 0.0416664853692054748535156f);
    u = fmaf(u, s, 0.166666671633720397949219f);
    u = fmaf(u, s, 0.5f);
    u = 1.0f + fmaf(s * s, u, s);
    // u * 2^q in two steps, as SLEEF scales (it matters for subnormal results).
    int h = q >= 0 ? q / 2 : -((1 - q) / 2);
    return u * from_bits((uint32_t)(h + 0x7f) << 23) * from_bits((uint32_t)(q - h + 0x7f) << 23);
}

// A float carried as an unevaluated sum hi + lo.
typedef struct {
    float hi, lo;
} DF;

static DF df_add2(float x, float y) {
    float s = x + y, v = s - x;
    return (DF){s, (x - (s - v)) + (y - v)};
}

static DF df_mul(DF x, float y) {
    float s = x.hi * y;
    return (DF){s, fmaf(x.lo, y, fmaf(x.hi, y, -s))};
}

static DF df_div(DF n, DF d) {
    float t = 1.0f / d.hi, s = n.hi * t;
    float u = fmaf(t, n.hi, -s);
    float v = fmaf(-d.lo, t, fmaf(-d.hi, t, 1.0f));
    return (DF){s, fmaf(s, v, fmaf(n.lo, t, u))};
}

static DF df_add(DF x, DF y) {
    float s = x.hi + y.hi;
    return (DF){s, x.hi - s + y.hi + x.lo + y.lo};
}

static DF df_add_f(DF x, float y) {
    float s = x.hi + y;
    return (DF){s, x.hi - s + y + x.lo};
}

float tensor_vec_logf(float d) {
    if (isnan(d) || d < 0) return NAN;
    if (d == 0) return -INFINITY;
    if (isinf(d)) return INFINITY;
    bool tiny = d < 1.17549435e-38f;
    if (tiny) d *= 18446744073709551616.0f;   // 2^64: subnormals become normal
    int e = (int)((bits_of(d * (1.0f / 0.75f)) >> 23) & 0xff) - 0x7f;
    float m = from_bits(bits_of(d) + (uint32_t)(-e) * (1u << 23));
    if (tiny) e -= 64;
    DF s = df_mul((DF){0.69314718246459960938f, -1.904654323148236017e-09f}, (float)e);
    DF x = df_div(df_add2(-1, m), df_add2(1, m));
    float x2 = x.hi * x.hi;
    float t = 0.3027294874e+0f;
    t = fmaf(t, x2, 0.3996108174e+0f);
    t = fmaf(t, x2, 0.6666694880e+0f);
    s = df_add(s, (DF){x.hi * 2, x.lo * 2});
    s = df_add_f(s, x2 * x.hi * t);
    return s.hi + s.lo;
}
