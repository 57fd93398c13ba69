// normal_ / randn for float32, float64, float16 and bfloat16: the scalar
// path (cached double Box-Muller, rng.c) and PyTorch's batched path for
// contiguous outputs of 16 or more elements, including a bit-exact model of
// the Cephes AVX2 log/sincos its float32 kernel uses (shared/spec/rng.md §4).
#include "tensor/rng.h"

#include "common/error.h"
#include "tensor/half.h"
#include "tensor/parallel.h"

#include <math.h>
#include <string.h>

static int check_std(double std) {
    if (!(std >= 0.0))
        return tl_raise_int(ERR_RUNTIME, "normal expects std >= 0.0, but found std %g", std);
    return 0;
}

// The scalar path's z * std + mean, in double; the AVX2 build fuses it.
static double scalar_normal(Generator *g, double mean, double std) {
    double z = gen_next_normal(g);
    return gen_cpu_capability() == GEN_CAP_AVX2 ? fma(z, std, mean) : z * std + mean;
}

// ---- Cephes single precision log and sincos, as avx_mathfun computes them ---

static float f_of(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }
static uint32_t bits_of(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }

// In the AVX2 build every multiply whose only use is an add became an FMA.
#define MA(a, b, c) fmaf(a, b, c)

static inline __attribute__((always_inline)) float cephes_logf(float x) {
    if (!(x > 0))
        return NAN;
    x = fmaxf(x, 0x1p-126f);                        // flush denormal inputs
    uint32_t u = bits_of(x);
    float e = (float)((int32_t)(u >> 23) - 127) + 1.0f;
    float m = f_of((u & 0x807fffffu) | 0x3f000000u);   // mantissa in [0.5, 1)
    float t;
    if (m < f_of(0x3f3504f3u)) {                    // below sqrt(1/2): use 2m - 1
        e = e - 1.0f;
        t = (m - 1.0f) + m;
    } else {
        t = m - 1.0f;
    }
    float z = t * t;
    static const uint32_t coef[9] = {
        0x3d9021bbu, 0xbdebd1b8u, 0x3def251au, 0xbdfe5d4fu, 0x3e11e9bfu,
        0xbe2aae50u, 0x3e4cceacu, 0xbe7ffffcu, 0x3eaaaaaau,
    };
    float y = f_of(coef[0]);
    for (int k = 1; k < 9; k++)
        y = MA(y, t, f_of(coef[k]));
    y = y * t;
    y = fmaf(y, z, e * f_of(0xb95e8083u));
    y = y - z * 0.5f;
    return (t + y) + e * f_of(0x3f318000u);
}

static inline __attribute__((always_inline)) void cephes_sincosf(float x, float *s, float *c) {
    uint32_t sign_sin = bits_of(x) & 0x80000000u;
    x = fabsf(x);
    int32_t j = (int32_t)(x * f_of(0x3fa2f983u));  // x * 4/pi, truncated
    j = (j + 1) & ~1;
    float yj = (float)j;
    x = MA(yj, f_of(0xbf490000u), x);              // extended-precision reduction
    x = MA(yj, f_of(0xb97da000u), x);
    x = MA(yj, f_of(0xb3222169u), x);
    if (j & 4)
        sign_sin ^= 0x80000000u;
    uint32_t sign_cos = ((~(uint32_t)(j - 2)) & 4u) ? 0x80000000u : 0u;
    float z = x * x;
    float pc = f_of(0x37ccf5ceu);
    pc = MA(pc, z, f_of(0xbab6061au));
    pc = MA(pc, z, f_of(0x3d2aaaa5u));
    pc = pc * z;
    pc = fmaf(pc, z, -(z * 0.5f));
    pc = pc + 1.0f;
    float ps = f_of(0xb94ca1f9u);
    ps = MA(ps, z, f_of(0x3c08839eu));
    ps = MA(ps, z, f_of(0xbe2aaaa3u));
    ps = ps * z;
    ps = MA(ps, x, x);
    // Both polynomials are blended with masks, so the arithmetic below is
    // exactly what the vector code does (it matters for signed zeros).
    bool take_sin = (j & 2) == 0;
    float a = take_sin ? ps : 0.0f, b = take_sin ? 0.0f : pc;
    *s = f_of(bits_of(b + a) ^ sign_sin);
    *c = f_of(bits_of((pc - b) + (ps - a)) ^ sign_cos);
}

#undef MA

// ---- transform16: slot j pairs with slot j+8 --------------------------------

// float32, AVX2 family: radius from 1 - p[j], angle from p[j+8].
// Stamped out twice: plain, and for CPUs with FMA, where fmaf() becomes one
// instruction instead of a libm call (same results: fmaf is exact either way).
#define DEF_BOX16_F32_AVX2(NAME, ATTR)                                  \
    ATTR static void NAME(float *p, float mean, float std) {            \
        for (int j = 0; j < 8; j++) {                                   \
            float r = sqrtf(-2.0f * cephes_logf(1.0f - p[j]));          \
            float s, c;                                                 \
            cephes_sincosf(f_of(0x40c90fdbu) * p[j + 8], &s, &c);       \
            p[j] = fmaf(r * c, std, mean);                              \
            p[j + 8] = fmaf(r * s, std, mean);                          \
        }                                                               \
    }
DEF_BOX16_F32_AVX2(box16_f32_avx2, )
DEF_BOX16_F32_AVX2(box16_f32_avx2_fma, __attribute__((target("fma"))))

// float32, default family: libm in float, the angle computed in double.
static void box16_f32_default(float *p, float mean, float std) {
    for (int j = 0; j < 8; j++) {
        float r = sqrtf(-2.0f * logf(1.0f - p[j]));
        float th = (float)((2.0 * M_PI) * (double)p[j + 8]);
        p[j] = r * cosf(th) * std + mean;
        p[j + 8] = r * sinf(th) * std + mean;
    }
}

static void box16_f64(double *p, double mean, double std, bool fused) {
    for (int j = 0; j < 8; j++) {
        double r = sqrt(-2.0 * log(1.0 - p[j]));
        double th = (2.0 * M_PI) * p[j + 8];
        double a = r * cos(th), b = r * sin(th);
        p[j] = fused ? fma(a, std, mean) : a * std + mean;
        p[j + 8] = fused ? fma(b, std, mean) : b * std + mean;
    }
}

// ---- fills ------------------------------------------------------------------

// Batched layout: uniforms for every slot, transform each full block of 16,
// then for a ragged tail draw 16 fresh uniforms into the LAST 16 slots and
// transform those (the overlap with the last full block is overwritten).
int gen_normal_f32(Generator *g, float *out, int64_t n, double mean, double std,
                   bool contiguous) {
    if (check_std(std) < 0)
        return -1;
    if (n < 16 || !contiguous) {
        for (int64_t i = 0; i < n; i++)
            out[i] = (float)scalar_normal(g, mean, std);
        return 0;
    }
    void (*box)(float *, float, float) =
        gen_cpu_capability() != GEN_CAP_AVX2 ? box16_f32_default
        : __builtin_cpu_supports("fma") ? box16_f32_avx2_fma : box16_f32_avx2;
    float m = (float)mean, s = (float)std;
    gen_fill_next_floats(g, out, n);
    // Each block of 16 is transformed on its own, so the blocks can run on
    // all cores once the (sequential) uniforms are drawn.
    TL_PARALLEL_FOR(n >= (1 << 16), blk, n / 16, { box(out + blk * 16, m, s); });
    if (n % 16 != 0) {
        for (int i = 0; i < 16; i++)
            out[n - 16 + i] = gen_next_float(g);
        box(out + n - 16, m, s);
    }
    return 0;
}

int gen_normal_f64(Generator *g, double *out, int64_t n, double mean, double std,
                   bool contiguous) {
    if (check_std(std) < 0)
        return -1;
    if (n < 16 || !contiguous) {
        for (int64_t i = 0; i < n; i++)
            out[i] = scalar_normal(g, mean, std);
        return 0;
    }
    bool fused = gen_cpu_capability() == GEN_CAP_AVX2;
    for (int64_t i = 0; i < n; i++)
        out[i] = gen_next_double(g);
    TL_PARALLEL_FOR(n >= (1 << 16), blk, n / 16, { box16_f64(out + blk * 16, mean, std, fused); });
    if (n % 16 != 0) {
        for (int i = 0; i < 16; i++)
            out[n - 16 + i] = gen_next_double(g);
        box16_f64(out + n - 16, mean, std, fused);
    }
    return 0;
}

// ---- float16 and bfloat16 ---------------------------------------------------

// The batched path runs PyTorch's generic kernel on c10::Half / BFloat16.
// Half arithmetic happens in float and rounds when a value is stored in a
// Half variable (u1, radius, theta, the result); the AVX2 build fuses the
// final multiply-add. BFloat16 also has std::log/sqrt/sin/cos overloads and
// operators that return BFloat16, so every operation rounds.
static float rnd_f16(float x) { return f16_to_f32(f32_to_f16(x)); }
static float rnd_bf16(float x) { return bf16_to_f32(f32_to_bf16(x)); }

static void box16_f16(uint16_t *p, float mean, float std, bool fused) {
    for (int j = 0; j < 8; j++) {
        float u1 = rnd_f16(1.0f - f16_to_f32(p[j]));
        float r = rnd_f16(sqrtf(-2.0f * logf(u1)));
        float th = rnd_f16((float)((2.0 * M_PI) * (double)f16_to_f32(p[j + 8])));
        float a = r * cosf(th), b = r * sinf(th);
        p[j] = f32_to_f16(fused ? fmaf(a, std, mean) : a * std + mean);
        p[j + 8] = f32_to_f16(fused ? fmaf(b, std, mean) : b * std + mean);
    }
}

static void box16_bf16(uint16_t *p, float mean, float std, bool fused) {
    (void)fused;                       // every step rounds, nothing left to fuse
    for (int j = 0; j < 8; j++) {
        float u1 = rnd_bf16(1.0f - bf16_to_f32(p[j]));
        float r = rnd_bf16(sqrtf(rnd_bf16(-2.0f * rnd_bf16(logf(u1)))));
        float th = rnd_bf16((float)((2.0 * M_PI) * (double)bf16_to_f32(p[j + 8])));
        float a = rnd_bf16(r * rnd_bf16(cosf(th))), b = rnd_bf16(r * rnd_bf16(sinf(th)));
        p[j] = f32_to_bf16(rnd_bf16(a * std) + mean);
        p[j + 8] = f32_to_bf16(rnd_bf16(b * std) + mean);
    }
}

// Uniforms of the 16-bit kernel: `bits` random bits, exact in the dtype.
static void fill_unit16(Generator *g, uint16_t *p, int64_t n, int bits,
                        uint16_t (*to16)(float)) {
    for (int64_t i = 0; i < n; i++)
        p[i] = to16((float)(gen_next_u32(g) & ((1u << bits) - 1)) * (1.0f / (float)(1u << bits)));
}

// The scalar path rounds the double result to float, then to the dtype,
// as c10's Half(float) constructor does.
static int normal16(Generator *g, uint16_t *out, int64_t n, double mean, double std,
                    bool contiguous, bool bf) {
    if (check_std(std) < 0)
        return -1;
    uint16_t (*to16)(float) = bf ? f32_to_bf16 : f32_to_f16;
    if (n < 16 || !contiguous) {
        for (int64_t i = 0; i < n; i++)
            out[i] = to16((float)scalar_normal(g, mean, std));
        return 0;
    }
    void (*box)(uint16_t *, float, float, bool) = bf ? box16_bf16 : box16_f16;
    float (*rnd)(float) = bf ? rnd_bf16 : rnd_f16;
    float m = rnd((float)mean), s = rnd((float)std);
    bool fused = gen_cpu_capability() == GEN_CAP_AVX2;
    int bits = bf ? 8 : 11;
    fill_unit16(g, out, n, bits, to16);
    for (int64_t b = 0; b + 16 <= n; b += 16)
        box(out + b, m, s, fused);
    if (n % 16 != 0) {
        fill_unit16(g, out + n - 16, 16, bits, to16);
        box(out + n - 16, m, s, fused);
    }
    return 0;
}

int gen_normal_f16(Generator *g, uint16_t *out, int64_t n, double mean, double std,
                   bool contiguous) {
    return normal16(g, out, n, mean, std, contiguous, false);
}

int gen_normal_bf16(Generator *g, uint16_t *out, int64_t n, double mean, double std,
                    bool contiguous) {
    return normal16(g, out, n, mean, std, contiguous, true);
}
