// numpy's legacy RandomState algorithms (numpy/random/src/mt19937 and
// legacy-distributions.c semantics), written from their definitions. Build
// with -ffp-contract=off: x1*x1 + x2*x2 must round twice as numpy's does.
#include "lib/numpy_rng.h"

#include <math.h>
#include <stdio.h>
#include <time.h>

#define MT_M 397
#define MATRIX_A 0x9908b0dfU
#define UPPER_MASK 0x80000000U
#define LOWER_MASK 0x7fffffffU

static void init_genrand(NpRandomState *s, uint32_t seed) {
    for (int i = 0; i < NP_MT_N; i++) {
        s->key[i] = seed;
        seed = 1812433253U * (seed ^ (seed >> 30)) + (uint32_t)i + 1;
    }
    s->pos = NP_MT_N;
    s->has_gauss = false;
    s->gauss = 0;
}

void np_rng_seed(NpRandomState *s, uint32_t seed) { init_genrand(s, seed); }

void np_rng_seed_by_array(NpRandomState *s, const uint32_t *key, int64_t n) {
    uint32_t *mt = s->key;
    init_genrand(s, 19650218U);
    int64_t i = 1, j = 0;
    for (int64_t k = NP_MT_N > n ? NP_MT_N : n; k; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525U)) + key[j] + (uint32_t)j;
        if (++i >= NP_MT_N) {
            mt[0] = mt[NP_MT_N - 1];
            i = 1;
        }
        if (++j >= n) j = 0;
    }
    for (int64_t k = NP_MT_N - 1; k; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941U)) - (uint32_t)i;
        if (++i >= NP_MT_N) {
            mt[0] = mt[NP_MT_N - 1];
            i = 1;
        }
    }
    mt[0] = 0x80000000U;   // MSB set: the state is never all zero
}

void np_rng_seed_entropy(NpRandomState *s) {
    init_genrand(s, (uint32_t)time(NULL));
    FILE *f = fopen("/dev/urandom", "rb");
    if (f) {
        if (fread(s->key + 1, sizeof(uint32_t), NP_MT_N - 1, f) != NP_MT_N - 1)
            s->key[1] ^= (uint32_t)clock();
        fclose(f);
    }
    s->key[0] = 0x80000000U;
}

static void regenerate(NpRandomState *s) {
    uint32_t *mt = s->key, y;
    int i;
    for (i = 0; i < NP_MT_N - MT_M; i++) {
        y = (mt[i] & UPPER_MASK) | (mt[i + 1] & LOWER_MASK);
        mt[i] = mt[i + MT_M] ^ (y >> 1) ^ (-(y & 1) & MATRIX_A);
    }
    for (; i < NP_MT_N - 1; i++) {
        y = (mt[i] & UPPER_MASK) | (mt[i + 1] & LOWER_MASK);
        mt[i] = mt[i + (MT_M - NP_MT_N)] ^ (y >> 1) ^ (-(y & 1) & MATRIX_A);
    }
    y = (mt[NP_MT_N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
    mt[NP_MT_N - 1] = mt[MT_M - 1] ^ (y >> 1) ^ (-(y & 1) & MATRIX_A);
    s->pos = 0;
}

uint32_t np_rng_next_u32(NpRandomState *s) {
    if (s->pos >= NP_MT_N) regenerate(s);
    uint32_t y = s->key[s->pos++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680U;
    y ^= (y << 15) & 0xefc60000U;
    return y ^ (y >> 18);
}

uint64_t np_rng_next_u64(NpRandomState *s) {
    uint64_t hi = np_rng_next_u32(s);
    return hi << 32 | np_rng_next_u32(s);
}

double np_rng_next_double(NpRandomState *s) {
    int32_t a = (int32_t)(np_rng_next_u32(s) >> 5), b = (int32_t)(np_rng_next_u32(s) >> 6);
    return (a * 67108864.0 + b) / 9007199254740992.0;
}

double np_rng_gauss(NpRandomState *s) {
    if (s->has_gauss) {
        s->has_gauss = false;
        return s->gauss;
    }
    double x1, x2, r2;
    do {
        x1 = 2.0 * np_rng_next_double(s) - 1.0;
        x2 = 2.0 * np_rng_next_double(s) - 1.0;
        r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 == 0.0);
    double f = sqrt(-2.0 * log(r2) / r2);
    s->gauss = f * x1;
    s->has_gauss = true;
    return f * x2;
}

// The smallest all-ones bit mask >= [max].
static uint64_t mask_for(uint64_t max) {
    uint64_t m = max;
    m |= m >> 1;
    m |= m >> 2;
    m |= m >> 4;
    m |= m >> 8;
    m |= m >> 16;
    m |= m >> 32;
    return m;
}

uint64_t np_rng_interval(NpRandomState *s, uint64_t max) {
    if (max == 0) return 0;
    uint64_t mask = mask_for(max), v;
    if (max <= 0xffffffffU) {
        while ((v = np_rng_next_u32(s) & mask) > max) {}
    } else {
        while ((v = np_rng_next_u64(s) & mask) > max) {}
    }
    return v;
}

void np_rng_bounded(NpRandomState *s, uint64_t off, uint64_t rng, int64_t n, uint64_t *out) {
    uint64_t mask = mask_for(rng);
    for (int64_t i = 0; i < n; i++) {
        uint64_t v;
        if (rng == 0) v = 0;
        else if (rng == 0xffffffffU) v = np_rng_next_u32(s);
        else if (rng < 0xffffffffU) while ((v = np_rng_next_u32(s) & mask) > rng) {}
        else if (rng == UINT64_MAX) v = np_rng_next_u64(s);
        else while ((v = np_rng_next_u64(s) & mask) > rng) {}
        out[i] = off + v;
    }
}
