// numpy's legacy random generator (numpy.random.RandomState, what
// np.random.seed / rand / randn use), bit for bit as numpy 1.24: MT19937
// with numpy's seeding, the 53-bit double, the polar Box-Muller gauss with
// its cached second value, and the masked bounded integers of randint.
// Plain C over a state struct; numpy_random.c binds it to the language.
#ifndef TL_LIB_NUMPY_RNG_H
#define TL_LIB_NUMPY_RNG_H

#include <stdbool.h>
#include <stdint.h>

#define NP_MT_N 624

typedef struct {
    uint32_t key[NP_MT_N];
    int pos;              // next word of key to temper; NP_MT_N: regenerate first
    bool has_gauss;       // legacy_gauss keeps the second value of each pair
    double gauss;
} NpRandomState;

// np.random.seed(int): numpy's mt19937_seed (Knuth's init_genrand).
void np_rng_seed(NpRandomState *s, uint32_t seed);
// np.random.seed(array): mt19937_init_by_array over [n] 32-bit words.
void np_rng_seed_by_array(NpRandomState *s, const uint32_t *key, int64_t n);
// np.random.seed(None): non-deterministic (/dev/urandom, else the clock).
void np_rng_seed_entropy(NpRandomState *s);

uint32_t np_rng_next_u32(NpRandomState *s);
uint64_t np_rng_next_u64(NpRandomState *s);     // first draw is the high half
// random_sample: (a >> 5, b >> 6) of two draws as a 53-bit fraction in [0, 1).
double np_rng_next_double(NpRandomState *s);
// standard_normal / randn: legacy_gauss (polar method, pairs cached).
double np_rng_gauss(NpRandomState *s);
// A uniform integer in [0, max] by masked rejection (shuffle, permutation).
uint64_t np_rng_interval(NpRandomState *s, uint64_t max);
// randint: [n] values off + (uniform in [0, rng]), masked rejection with
// 32-bit draws when rng fits in 32 bits (random_bounded_uint64_fill).
void np_rng_bounded(NpRandomState *s, uint64_t off, uint64_t rng, int64_t n, uint64_t *out);

#endif
