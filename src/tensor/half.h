// float16 / bfloat16 <-> float32 conversions, bit-exact with round-to-
// nearest-even. Both 16-bit dtypes are stored as uint16_t and computed in
// float32 (PyTorch's CPU behaviour for elementwise ops).
#ifndef TL_TENSOR_HALF_H
#define TL_TENSOR_HALF_H

#include <stdint.h>
#include <string.h>

static inline uint32_t half_f32_bits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static inline float half_bits_f32(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }

static inline float bf16_to_f32(uint16_t h) { return half_bits_f32((uint32_t)h << 16); }

static inline uint16_t f32_to_bf16(float f) {
    uint32_t u = half_f32_bits(f);
    if ((u & 0x7fffffffu) > 0x7f800000u)            // NaN: keep it quiet, keep the sign
        return (uint16_t)((u >> 16) | 0x0040u);
    u += 0x7fffu + ((u >> 16) & 1u);                // round half to even
    return (uint16_t)(u >> 16);
}

static inline float f16_to_f32(uint16_t h) {
    uint32_t sign = (uint32_t)(h & 0x8000u) << 16;
    uint32_t exp = (h >> 10) & 0x1fu, man = h & 0x3ffu;
    if (exp == 0x1f)                                 // inf / nan
        return half_bits_f32(sign | 0x7f800000u | (man << 13));
    if (exp == 0) {
        if (man == 0) return half_bits_f32(sign);
        float v = (float)man * (1.0f / 16777216.0f);   // subnormal: man * 2^-24
        return sign ? -v : v;
    }
    return half_bits_f32(sign | ((exp + 112u) << 23) | (man << 13));
}

static inline uint16_t f32_to_f16(float f) {
    uint32_t u = half_f32_bits(f);
    uint16_t sign = (uint16_t)((u >> 16) & 0x8000u);
    uint32_t a = u & 0x7fffffffu;
    if (a > 0x7f800000u) return sign | 0x7e00u;                 // NaN
    if (a >= 0x477ff000u) return sign | 0x7c00u;                // >= 65520 rounds to inf
    if (a < 0x38800000u) {                                      // below 2^-14: subnormal
        // Adding 0.5 shifts the value so the FPU's own round-to-nearest-even
        // lands the result in the low mantissa bits.
        float v = half_bits_f32(a) + 0.5f;
        return sign | (uint16_t)(half_f32_bits(v) - 0x3f000000u);
    }
    uint32_t mant_odd = (a >> 13) & 1u;
    a += 0xc8000fffu + mant_odd;                                // rebias exponent (-112<<23) and round
    return sign | (uint16_t)(a >> 13);
}

#endif
