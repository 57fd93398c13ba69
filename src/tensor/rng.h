// PyTorch 1.13's CPU random numbers, bit for bit (shared/spec/rng.md): the
// MT19937 Generator, its state bytes, and fill kernels over raw contiguous
// arrays. The tensor layer owns shapes, dtypes and strides: it calls these
// with a data pointer and an element count and scatters the values itself.
// Everything here must be built with -ffp-contract=off; the fused
// multiply-adds PyTorch's AVX2 build performs are written out as fma().
#ifndef TL_TENSOR_RNG_H
#define TL_TENSOR_RNG_H

#include <stdbool.h>
#include <stdint.h>

// ---------------------------------------------------------------------------
// Generator
// ---------------------------------------------------------------------------

#define GEN_MT_N 624
#define GEN_STATE_SIZE 5056          // torch.get_rng_state().numel()
#define GEN_STATE_SIZE_LEGACY 5048   // older checkpoints, still accepted
#define GEN_DEFAULT_SEED 67280421310721ULL   // seed of a fresh torch.Generator()

// One CPU generator (at::CPUGeneratorImpl). Plain data: copy it to clone.
typedef struct Generator {
    uint32_t mt[GEN_MT_N];    // MT19937 words
    int left;                 // draws until the next regeneration, 1..624
    uint32_t next;            // index of the next word to temper
    uint64_t seed;            // initial_seed(): the full 64-bit seed
    bool seeded;
    // Box-Muller cache of the scalar normal path. It is consumed by the next
    // scalar-path normal of any dtype; only seeding and set_state clear it.
    bool has_next_double_normal;
    double next_double_normal;
    // next_float_normal_sample: no 1.13 CPU kernel uses it, but it is part
    // of the state bytes and round-trips through get/set_state.
    bool has_next_float_normal;
    float next_float_normal;
} Generator;

// Returns a new generator seeded like torch.Generator() (GEN_DEFAULT_SEED);
// the caller frees it with gen_free. Aborts only if malloc of ~2.5 KB fails.
Generator *gen_new(void);
void gen_free(Generator *g);                 // NULL-safe

// The process-wide default generator (torch.default_generator), seeded on
// first use from /dev/urandom as PyTorch does. Never NULL.
Generator *gen_default(void);

// torch.manual_seed / Generator.manual_seed: the engine sees only the low 32
// bits of [seed] (a negative Python int is taken mod 2**64 by the binding;
// out-of-range ints are the binding's "Overflow when unpacking long"), while
// initial_seed() reports all 64. Clears the normal caches.
void gen_manual_seed(Generator *g, uint64_t seed);

// Generator.seed() / torch.seed(): reseeds [g] with 64 non-deterministic
// bits (/dev/urandom, else time) and returns them.
uint64_t gen_seed(Generator *g);

uint64_t gen_initial_seed(const Generator *g);

// torch.get_rng_state(): writes the 5056-byte CPUGeneratorImplState
// (little-endian: u64 initial seed @0, i32 left @8, i32 seeded @12, u64 next
// @16, 624 x u64 MT words @24, f64 normal_x/normal_y/normal_rho @5016/5024/
// 5032, i32 normal_is_valid @5040, f32 next_float_normal @5048, bool valid
// @5052, padding zero). normal_y holds the cached double normal.
void gen_get_state(const Generator *g, uint8_t out[GEN_STATE_SIZE]);

// torch.set_rng_state(t): [nbytes] must be 5056 or the legacy 5048 (the
// binding first checks that t is a contiguous CPU uint8 tensor: TypeError
// "RNG state must be a torch.ByteTensor"). Returns 0, or -1 with a pending
// RuntimeError in PyTorch's words ("Expected either a ... size", "Invalid
// mt19937 state") leaving [g] untouched.
int gen_set_state(Generator *g, const uint8_t *state, int64_t nbytes);

// ---------------------------------------------------------------------------
// Raw draws, also the primitives for tl's `random` module
// ---------------------------------------------------------------------------

uint32_t gen_next_u32(Generator *g);   // one MT19937 output
uint64_t gen_next_u64(Generator *g);   // two outputs, the first is the high half
float gen_next_float(Generator *g);    // 1 draw: (u32 & 0xFFFFFF) * 2^-24, [0, 1)
// [n] consecutive gen_next_float() values into [out], with the state left
// exactly as n calls leave it (a bulk loop for randn's uniforms).
void gen_fill_next_floats(Generator *g, float *out, int64_t n);
double gen_next_double(Generator *g);  // 2 draws: (u64 & (2^53-1)) * 2^-53, [0, 1)
// One N(0,1) sample of PyTorch's scalar path (double Box-Muller), using and
// refilling the generator's cache: 0 or 4 draws.
double gen_next_normal(Generator *g);

// ---------------------------------------------------------------------------
// CPU kernel family
// ---------------------------------------------------------------------------

// PyTorch picks its kernels from the CPU at start-up. The families differ in
// some result bits (never in draw counts). AVX2 is what tutorial outputs show
// and is the default; ATEN_CPU_CAPABILITY=default in the environment (read on
// first use) selects the SSE family, as it does for PyTorch.
typedef enum { GEN_CAP_AVX2 = 0, GEN_CAP_DEFAULT = 1 } GenCpuCap;
GenCpuCap gen_cpu_capability(void);
void gen_set_cpu_capability(GenCpuCap cap);

// ---------------------------------------------------------------------------
// Fill kernels. [out] holds [n] elements in PyTorch's iteration order: for a
// contiguous tensor that is row-major; for a non-contiguous one TensorIterator
// sorts the dimensions by stride, smallest stride fastest (so t().normal_()
// and permute(...).uniform_() fill the storage in memory order; verified with
// torch 1.13). The caller scatters the buffer in that order.
// Argument checks PyTorch makes before drawing are made here, in its words;
// on -1 nothing was drawn unless the contract says otherwise.
// ---------------------------------------------------------------------------

// rand / uniform_(from, to): one value per element, float32 1 draw, float64 2.
// float16/bfloat16 follow PyTorch's Half/BFloat16 kernel (1 draw, 11/8 random
// bits, arithmetic in float) and hold raw 16-bit patterns.
// Returns -1 with PyTorch's RuntimeError when a bound lies outside the dtype
// ("from is out of bounds for float"), from > to, or to - from overflows.
int gen_uniform_f32(Generator *g, float *out, int64_t n, double from, double to);
int gen_uniform_f64(Generator *g, double *out, int64_t n, double from, double to);
int gen_uniform_f16(Generator *g, uint16_t *out, int64_t n, double from, double to);
int gen_uniform_bf16(Generator *g, uint16_t *out, int64_t n, double from, double to);

// randn / normal_(mean, std). [contiguous] is the output tensor's
// is_contiguous(): PyTorch takes the batched Box-Muller path only when
// n >= 16 and the output is contiguous, otherwise the cached scalar path.
// Returns -1 ("normal expects std >= 0.0, but found std -1") when std < 0.
// torch.normal with tensor mean/std is composed by the caller exactly as
// 1.13 does: (tensor mean, float std): out.normal_(0, std) then out += mean;
// (float or tensor mean, tensor std): out.normal_(0, 1), out *= std, then
// out += mean (float32 ops, each rounded).
int gen_normal_f32(Generator *g, float *out, int64_t n, double mean, double std,
                   bool contiguous);
int gen_normal_f64(Generator *g, double *out, int64_t n, double mean, double std,
                   bool contiguous);
int gen_normal_f16(Generator *g, uint16_t *out, int64_t n, double mean, double std,
                   bool contiguous);
int gen_normal_bf16(Generator *g, uint16_t *out, int64_t n, double mean, double std,
                    bool contiguous);

// randint(low, high) / random_(from, to): out[i] = (int64)(draw % range + base)
// with range = (uint64)to - (uint64)from, base = from. [wide] must be true
// for int64, float64, float32 and bfloat16 outputs: they take a 64-bit draw
// when range >= 2^32 (every other dtype takes one 32-bit draw). The caller
// casts the int64 values to the dtype (PyTorch's static_cast). The tensor
// layer makes random_'s dtype-dependent checks ("random_ expects 'from' to be
// less than 'to', but got from=5 >= to=3") and computes range/base for the
// one-bound and no-bound forms; range 0 is a caller bug.
void gen_random_from_to(Generator *g, int64_t *out, int64_t n, uint64_t range,
                        int64_t base, bool wide);

// random_(from, to) on a floating dtype first moves each bound the dtype
// cannot hold exactly (PyTorch's update_from / update_to), before the
// range checks. [digits]: 24 float32, 53 float64, 11 float16, 8 bfloat16.
// A bound that overflows the dtype is returned unchanged (the caller's
// "from is out of bounds for ..." check then rejects it).
int64_t gen_float_from_bound(int64_t from, int digits);
int64_t gen_float_to_bound(int64_t to, int digits);

// random_(from=-2**63, to=None) on int64: the full 64-bit range, 2 draws each.
void gen_random_full64(Generator *g, int64_t *out, int64_t n);

// random_() with no bounds: out[i] = draw % [modulus], where the draw is 64
// bits for int64/float64 ([use64]) and 32 bits otherwise. PyTorch's moduli:
// int64 2^63, int32 2^31, int16 2^15, int8 2^7, uint8 2^8, bool 2,
// float64 2^53+1, float32 2^24+1, float16 2^11+1, bfloat16 2^8+1.
void gen_random_mod(Generator *g, int64_t *out, int64_t n, uint64_t modulus, bool use64);

// randperm(n): a permutation of 0..n-1 in [out] (int64; other dtypes convert
// afterwards, which moves the same values), n-1 draws. Returns -1 with
// PyTorch's RuntimeError when n < 0.
int gen_randperm(Generator *g, int64_t *out, int64_t n);

// bernoulli_(p) with a Python float p: out[i] = (double uniform < p), 2 draws
// each; [out] holds 0/1 for the caller to cast to the tensor's dtype (exact
// for every dtype). Returns -1 ("bernoulli_ expects p to be in [0, 1], but
// got p=1.5") before drawing. Dropout is mask.bernoulli_(1 - p) on float32.
int gen_bernoulli(Generator *g, uint8_t *out, int64_t n, double p);

// bernoulli_(p_tensor) / torch.bernoulli(p): [p] is already broadcast to n
// elements in iteration order. float64 p: double uniform (2 draws); any other
// floating p (float32, and float16/bfloat16 widened to float by the caller):
// float uniform (1 draw). A p outside [0, 1] raises PyTorch's RuntimeError
// when reached; the elements before it have been drawn.
int gen_bernoulli_pf64(Generator *g, uint8_t *out, const double *p, int64_t n);
int gen_bernoulli_pf32(Generator *g, uint8_t *out, const float *p, int64_t n);

// exponential_(lambd), cauchy_(median, sigma), log_normal_(mean, std) and
// geometric_(p): computed in double from one double uniform (2 draws; the
// log-normal takes one scalar-path normal, sharing the cache) and rounded to
// the output dtype. They return -1 with PyTorch's messages for lambd < 0,
// std <= 0 and p outside (0, 1).
int gen_exponential_f64(Generator *g, double *out, int64_t n, double lambd);
int gen_exponential_f32(Generator *g, float *out, int64_t n, double lambd);
int gen_cauchy_f64(Generator *g, double *out, int64_t n, double median, double sigma);
int gen_cauchy_f32(Generator *g, float *out, int64_t n, double median, double sigma);
int gen_log_normal_f64(Generator *g, double *out, int64_t n, double mean, double std);
int gen_log_normal_f32(Generator *g, float *out, int64_t n, double mean, double std);
int gen_geometric_f64(Generator *g, double *out, int64_t n, double p);
int gen_geometric_f32(Generator *g, float *out, int64_t n, double p);

// torch.multinomial(probs, n_sample, replacement): [probs] is a contiguous
// (n_dist, n_cat) matrix (n_dist = 1 for a 1-D input), [out] receives
// (n_dist, n_sample) int64 category indices. With replacement:
// cumulative-sum search with one double uniform per sample (sums in the
// input's dtype). Without: q = empty_like(probs).exponential_(1),
// then the top n_sample of probs / q per row (argmax for n_sample == 1).
// Ties in probs / q (e.g. several zero-probability categories that must be
// picked) are ordered by index, which PyTorch's unstable topk may not do.
// Returns -1 with PyTorch's RuntimeError for bad n_sample or probabilities;
// the dimension check ("prob_dist must be 1 or 2 dim") is the caller's.
// float16 probabilities are not covered (widening them to float32 changes
// the sums of the replacement path in rare last-bit cases).
int gen_multinomial_f32(Generator *g, const float *probs, int64_t n_dist, int64_t n_cat,
                        int64_t n_sample, bool replacement, int64_t *out);
int gen_multinomial_f64(Generator *g, const double *probs, int64_t n_dist, int64_t n_cat,
                        int64_t n_sample, bool replacement, int64_t *out);

#endif
