// PyTorch's CPU distributions other than the normal: uniform_, the integer
// samplers (randint/random_, randperm), bernoulli, exponential/cauchy/
// log-normal/geometric and multinomial. Each draws in element order from a
// Generator exactly as the 1.13 kernels do (shared/spec/rng.md §3, §5, §7).
#include "tensor/rng.h"

#include "common/error.h"
#include "tensor/half.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>

// ---- uniform ----------------------------------------------------------------

// uniform_'s argument checks, made in double against the dtype's range.
// [cname] and [tname] are the C++ type name and ScalarType name PyTorch prints.
static int check_uniform(double from, double to, double max, const char *cname,
                         const char *tname) {
    if (!(from >= -max && from <= max))
        return tl_raise_int(ERR_RUNTIME, "from is out of bounds for %s", cname);
    if (!(to >= -max && to <= max))
        return tl_raise_int(ERR_RUNTIME, "to is out of bounds for %s", cname);
    if (!(from <= to))
        return tl_raise_int(ERR_RUNTIME, "uniform_ expects to return a [from, to) range, "
                            "but found from=%g > to=%g", from, to);
    if (!(to - from <= max))
        return tl_raise_int(ERR_RUNTIME, "uniform_ expects to-from <= std::numeric_limits<%s>"
                            "::max(), but found to=%g and from=%g which result in to-from "
                            "to exceed the limit", tname, to, from);
    return 0;
}

// The AVX2 build contracted u * span + from into one FMA; the SSE build did not.
int gen_uniform_f32(Generator *g, float *out, int64_t n, double from, double to) {
    if (check_uniform(from, to, FLT_MAX, "float", "Float") < 0)
        return -1;
    float a = (float)from, span = (float)to - a;
    bool fused = gen_cpu_capability() == GEN_CAP_AVX2;
    for (int64_t i = 0; i < n; i++) {
        float u = gen_next_float(g);
        out[i] = fused ? fmaf(u, span, a) : u * span + a;
    }
    return 0;
}

int gen_uniform_f64(Generator *g, double *out, int64_t n, double from, double to) {
    if (check_uniform(from, to, DBL_MAX, "double", "Double") < 0)
        return -1;
    double span = to - from;
    bool fused = gen_cpu_capability() == GEN_CAP_AVX2;
    for (int64_t i = 0; i < n; i++) {
        double u = gen_next_double(g);
        out[i] = fused ? fma(u, span, from) : u * span + from;
    }
    return 0;
}

// Half and BFloat16: from/to are rounded to the dtype (via float), their
// difference is rounded to the dtype again, and x * span + from runs in float
// on the dtype's 11 or 8 significand bits of randomness.
static int uniform16(Generator *g, uint16_t *out, int64_t n, double from, double to, bool bf) {
    if (check_uniform(from, to, bf ? 0x1.fep127 : 65504.0, bf ? "c10::BFloat16" : "c10::Half",
                      bf ? "BFloat16" : "Half") < 0)
        return -1;
    uint16_t (*to16)(float) = bf ? f32_to_bf16 : f32_to_f16;
    float (*from16)(uint16_t) = bf ? bf16_to_f32 : f16_to_f32;
    float a = from16(to16((float)from)), b = from16(to16((float)to));
    float span = from16(to16(b - a));
    uint32_t bits = bf ? 8 : 11;
    bool fused = gen_cpu_capability() == GEN_CAP_AVX2;
    for (int64_t i = 0; i < n; i++) {
        float x = (float)(gen_next_u32(g) & ((1u << bits) - 1)) * (1.0f / (float)(1u << bits));
        out[i] = to16(fused ? fmaf(x, span, a) : x * span + a);
    }
    return 0;
}

int gen_uniform_f16(Generator *g, uint16_t *out, int64_t n, double from, double to) {
    return uniform16(g, out, n, from, to, false);
}

int gen_uniform_bf16(Generator *g, uint16_t *out, int64_t n, double from, double to) {
    return uniform16(g, out, n, from, to, true);
}

// ---- integers ---------------------------------------------------------------

void gen_random_from_to(Generator *g, int64_t *out, int64_t n, uint64_t range,
                        int64_t base, bool wide) {
    bool use64 = wide && range >= (UINT64_C(1) << 32);
    for (int64_t i = 0; i < n; i++) {
        uint64_t v = use64 ? gen_next_u64(g) : gen_next_u32(g);
        out[i] = (int64_t)(v % range + (uint64_t)base);
    }
}

// int64 -> dtype -> int64, for a dtype with [digits] significand bits;
// false when the value overflows the dtype.
static bool through_dtype(int64_t v, int digits, int64_t *out) {
    double d;
    if (digits == 53) d = (double)v;
    else if (digits == 24) d = (float)v;
    else if (digits == 11) d = f16_to_f32(f32_to_f16((float)v));
    else d = bf16_to_f32(f32_to_bf16((float)v));
    if (!(d > -0x1p63 && d < 0x1p63))
        return false;
    *out = (int64_t)d;
    return true;
}

static int bit_length_minus_1(int64_t v) {
    uint64_t a = v < 0 ? -(uint64_t)v : (uint64_t)v;
    int n = 0;
    while (a >>= 1) n++;
    return n;
}

int64_t gen_float_from_bound(int64_t from, int digits) {
    int64_t from_plus_1;
    if (!through_dtype(from + 1, digits, &from_plus_1) || from_plus_1 >= from)
        return from;
    return from_plus_1 + (INT64_C(1) << (bit_length_minus_1(from + 1) - digits + 1));
}

int64_t gen_float_to_bound(int64_t to, int digits) {
    int64_t to_minus_1;
    if (!through_dtype(to - 1, digits, &to_minus_1) || to_minus_1 < to)
        return to;
    return to_minus_1 - (INT64_C(1) << (bit_length_minus_1(to - 1) - digits + 1));
}

void gen_random_full64(Generator *g, int64_t *out, int64_t n) {
    for (int64_t i = 0; i < n; i++)
        out[i] = (int64_t)gen_next_u64(g);
}

void gen_random_mod(Generator *g, int64_t *out, int64_t n, uint64_t modulus, bool use64) {
    for (int64_t i = 0; i < n; i++) {
        uint64_t v = use64 ? gen_next_u64(g) : gen_next_u32(g);
        out[i] = (int64_t)(v % modulus);
    }
}

// Fisher-Yates forwards, with a plain (biased) 32-bit modulo per step.
int gen_randperm(Generator *g, int64_t *out, int64_t n) {
    if (n < 0)
        return tl_raise_int(ERR_RUNTIME, "Trying to create tensor with negative dimension "
                            "%lld: [%lld]", (long long)n, (long long)n);
    for (int64_t i = 0; i < n; i++)
        out[i] = i;
    for (int64_t i = 0; i < n - 1; i++) {
        int64_t z = (int64_t)(gen_next_u32(g) % (uint64_t)(n - i));
        int64_t t = out[i];
        out[i] = out[i + z];
        out[i + z] = t;
    }
    return 0;
}

// ---- bernoulli --------------------------------------------------------------

int gen_bernoulli(Generator *g, uint8_t *out, int64_t n, double p) {
    if (!(p >= 0 && p <= 1))
        return tl_raise_int(ERR_RUNTIME, "bernoulli_ expects p to be in [0, 1], but got p=%g", p);
    for (int64_t i = 0; i < n; i++)
        out[i] = gen_next_double(g) < p;
    return 0;
}

static int bad_p(void) {
    return tl_raise_int(ERR_RUNTIME, "Expected p_in >= 0 && p_in <= 1 to be true, but got "
                        "false.  (Could this error message be improved?  If so, please "
                        "report an enhancement request to PyTorch.)");
}

int gen_bernoulli_pf64(Generator *g, uint8_t *out, const double *p, int64_t n) {
    for (int64_t i = 0; i < n; i++) {
        if (!(p[i] >= 0 && p[i] <= 1))
            return bad_p();
        out[i] = gen_next_double(g) < p[i];
    }
    return 0;
}

int gen_bernoulli_pf32(Generator *g, uint8_t *out, const float *p, int64_t n) {
    for (int64_t i = 0; i < n; i++) {
        if (!(p[i] >= 0 && p[i] <= 1))
            return bad_p();
        out[i] = gen_next_float(g) < p[i];
    }
    return 0;
}

// ---- exponential, cauchy, log-normal, geometric ----------------------------

// The AVX2 build fuses mean + std * z (log-normal) and median + sigma * t
// (cauchy) like every other multiply-add in those kernels.
static double madd(double a, double b, double c) {
    return gen_cpu_capability() == GEN_CAP_AVX2 ? fma(a, b, c) : a * b + c;
}

// One sample each, from parameters (a, b).
static double exponential_one(Generator *g, double lambd, double unused) {
    (void)unused;
    return -1.0 / lambd * log(1.0 - gen_next_double(g));
}

static double cauchy_one(Generator *g, double median, double sigma) {
    return madd(sigma, tan(M_PI * (gen_next_double(g) - 0.5)), median);
}

static double log_normal_one(Generator *g, double mean, double std) {
    return exp(madd(gen_next_normal(g), std, mean));
}

static double geometric_one(Generator *g, double p, double unused) {
    (void)unused;
    return ceil(log(gen_next_double(g)) / log(1.0 - p));
}

static int check_exponential(double lambd) {
    if (!(lambd >= 0.0))
        return tl_raise_int(ERR_RUNTIME, "exponential_ expects lambda >= 0.0, but found "
                            "lambda=%g", lambd);
    return 0;
}

static int check_log_normal(double std) {
    if (!(std > 0.0))
        return tl_raise_int(ERR_RUNTIME, "log_normal_ expects std > 0.0, but found std=%g", std);
    return 0;
}

static int check_geometric(double p) {
    if (!(p > 0 && p < 1))
        return tl_raise_int(ERR_RUNTIME, "geometric_ expects p to be in (0, 1), but got p=%g", p);
    return 0;
}

typedef double (*Sampler)(Generator *g, double a, double b);

static void fill_f64(Generator *g, double *out, int64_t n, Sampler f, double a, double b) {
    for (int64_t i = 0; i < n; i++)
        out[i] = f(g, a, b);
}

static void fill_f32(Generator *g, float *out, int64_t n, Sampler f, double a, double b) {
    for (int64_t i = 0; i < n; i++)
        out[i] = (float)f(g, a, b);
}

int gen_exponential_f64(Generator *g, double *out, int64_t n, double lambd) {
    if (check_exponential(lambd) < 0) return -1;
    fill_f64(g, out, n, exponential_one, lambd, 0);
    return 0;
}

int gen_exponential_f32(Generator *g, float *out, int64_t n, double lambd) {
    if (check_exponential(lambd) < 0) return -1;
    fill_f32(g, out, n, exponential_one, lambd, 0);
    return 0;
}

int gen_cauchy_f64(Generator *g, double *out, int64_t n, double median, double sigma) {
    fill_f64(g, out, n, cauchy_one, median, sigma);
    return 0;
}

int gen_cauchy_f32(Generator *g, float *out, int64_t n, double median, double sigma) {
    fill_f32(g, out, n, cauchy_one, median, sigma);
    return 0;
}

int gen_log_normal_f64(Generator *g, double *out, int64_t n, double mean, double std) {
    if (check_log_normal(std) < 0) return -1;
    fill_f64(g, out, n, log_normal_one, mean, std);
    return 0;
}

int gen_log_normal_f32(Generator *g, float *out, int64_t n, double mean, double std) {
    if (check_log_normal(std) < 0) return -1;
    fill_f32(g, out, n, log_normal_one, mean, std);
    return 0;
}

int gen_geometric_f64(Generator *g, double *out, int64_t n, double p) {
    if (check_geometric(p) < 0) return -1;
    fill_f64(g, out, n, geometric_one, p, 0);
    return 0;
}

int gen_geometric_f32(Generator *g, float *out, int64_t n, double p) {
    if (check_geometric(p) < 0) return -1;
    fill_f32(g, out, n, geometric_one, p, 0);
    return 0;
}

// ---- multinomial ------------------------------------------------------------

static int check_multinomial(int64_t n_cat, int64_t n_sample, bool replacement) {
    if (n_sample <= 0)
        return tl_raise_int(ERR_RUNTIME, "cannot sample n_sample <= 0 samples");
    if (!replacement && n_sample > n_cat)
        return tl_raise_int(ERR_RUNTIME, "cannot sample n_sample > prob_dist.size(-1) "
                            "samples without replacement");
    if (n_cat > (INT64_C(1) << 24))
        return tl_raise_int(ERR_RUNTIME, "number of categories cannot exceed 2^24");
    return 0;
}

static int no_memory(void) {
    return tl_raise_int(ERR_MEMORY, "%s", "");
}

static int bad_probs(const char *what) {
    return tl_raise_int(ERR_RUNTIME, "invalid multinomial distribution (%s)", what);
}

// One (value, index) candidate of the top-k selection.
typedef struct {
    double v;
    int64_t i;
} Cand;

// topk order: NaN first, then larger values; equal values by index.
static int cand_cmp(const void *a_, const void *b_) {
    const Cand *a = a_, *b = b_;
    bool an = isnan(a->v), bn = isnan(b->v);
    if (an != bn) return an ? -1 : 1;
    if (!an && a->v != b->v) return a->v > b->v ? -1 : 1;
    return (a->i > b->i) - (a->i < b->i);
}

// Picks the [k] largest of row [q] (length [m]) into [out], largest first.
static int top_k(const double *q, int64_t m, int64_t k, int64_t *out) {
    Cand *c = malloc((size_t)m * sizeof *c);
    if (!c)
        return no_memory();
    for (int64_t j = 0; j < m; j++)
        c[j] = (Cand){q[j], j};
    qsort(c, (size_t)m, sizeof *c, cand_cmp);
    for (int64_t j = 0; j < k; j++)
        out[j] = c[j].i;
    free(c);
    return 0;
}

// Rounds [x] to the probabilities' dtype. Each float operation is done in
// double and rounded once to float, which equals float arithmetic exactly
// for + - * / (53 >= 2 * 24 + 2 significand bits).
static double in_dtype(double x, bool f32) { return f32 ? (double)(float)x : x; }

// With replacement: cumulative sums normalised in the input dtype, then a
// binary search per sample for the first bucket with cum >= u.
static int multinomial_cum(Generator *g, const double *probs, bool f32, int64_t n_dist,
                           int64_t n_cat, int64_t n_sample, int64_t *out) {
    double *cum = malloc((size_t)n_cat * sizeof *cum);
    if (!cum)
        return no_memory();
    int rc = 0;
    for (int64_t d = 0; d < n_dist && rc == 0; d++) {
        const double *p = probs + d * n_cat;
        double sum = 0;
        for (int64_t j = 0; j < n_cat; j++) {
            if (!(p[j] >= 0)) {
                rc = bad_probs("encountering probability entry < 0");
                break;
            }
            if (!isfinite(p[j])) {
                rc = bad_probs("encountering probability entry = infinity or NaN");
                break;
            }
            cum[j] = sum = in_dtype(sum + p[j], f32);
        }
        if (rc == 0 && !(sum > 0))
            rc = bad_probs("sum of probabilities <= 0");
        if (rc < 0)
            break;
        for (int64_t j = 0; j < n_cat; j++)
            cum[j] = in_dtype(cum[j] / sum, f32);
        cum[n_cat - 1] = 1;
        for (int64_t s = 0; s < n_sample; s++) {
            double u = gen_next_double(g);
            int64_t lo = 0, hi = n_cat;
            while (hi > lo) {
                int64_t mid = lo + (hi - lo) / 2;
                if (cum[mid] < u) lo = mid + 1; else hi = mid;
            }
            out[d * n_sample + s] = lo;
        }
    }
    free(cum);
    return rc;
}

// Without replacement (the Gumbel-max trick PyTorch uses): q ~ Exp(1) in the
// input dtype, then the top n_sample of probs / q in each row.
static int multinomial_race(Generator *g, const double *probs, bool f32, int64_t n_dist,
                            int64_t n_cat, int64_t n_sample, int64_t *out) {
    int64_t total = n_dist * n_cat;
    for (int64_t i = 0; i < total; i++)
        if (!(probs[i] >= 0 && probs[i] < INFINITY))
            return tl_raise_int(ERR_RUNTIME, "probability tensor contains either `inf`, "
                                "`nan` or element < 0");
    for (int64_t d = 0; d < n_dist; d++) {
        bool any = false;
        for (int64_t j = 0; j < n_cat; j++)
            any |= probs[d * n_cat + j] != 0;
        if (!any)
            return bad_probs("sum of probabilities <= 0");
    }
    double *q = malloc((size_t)total * sizeof *q);
    if (!q)
        return no_memory();
    for (int64_t i = 0; i < total; i++)
        q[i] = in_dtype(exponential_one(g, 1.0, 0), f32);
    for (int64_t i = 0; i < total; i++)
        q[i] = in_dtype(probs[i] / q[i], f32);
    int rc = 0;
    for (int64_t d = 0; d < n_dist && rc == 0; d++)
        rc = top_k(q + d * n_cat, n_cat, n_sample, out + d * n_sample);
    free(q);
    return rc;
}

static int multinomial(Generator *g, const double *probs, bool f32, int64_t n_dist,
                       int64_t n_cat, int64_t n_sample, bool replacement, int64_t *out) {
    if (replacement)
        return multinomial_cum(g, probs, f32, n_dist, n_cat, n_sample, out);
    return multinomial_race(g, probs, f32, n_dist, n_cat, n_sample, out);
}

int gen_multinomial_f64(Generator *g, const double *probs, int64_t n_dist, int64_t n_cat,
                        int64_t n_sample, bool replacement, int64_t *out) {
    if (check_multinomial(n_cat, n_sample, replacement) < 0)
        return -1;
    return multinomial(g, probs, false, n_dist, n_cat, n_sample, replacement, out);
}

int gen_multinomial_f32(Generator *g, const float *probs, int64_t n_dist, int64_t n_cat,
                        int64_t n_sample, bool replacement, int64_t *out) {
    if (check_multinomial(n_cat, n_sample, replacement) < 0)
        return -1;
    double *p = malloc((size_t)(n_dist * n_cat) * sizeof *p);
    if (!p)
        return no_memory();
    for (int64_t i = 0; i < n_dist * n_cat; i++)
        p[i] = probs[i];
    int rc = multinomial(g, p, true, n_dist, n_cat, n_sample, replacement, out);
    free(p);
    return rc;
}
