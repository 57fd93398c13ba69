// Tests for tensor/rng: replays every vector of shared/spec/rng_vectors.txt
// (values real PyTorch 1.13 printed) bit for bit, in both CPU kernel families
// where the vector is valid for both, then checks state bytes, errors and the
// distributions the vector file lacks against values taken from PyTorch.
// Usage: test_rng [path/to/rng_vectors.txt]   (run from the repo root)
#include "harness.h"

#include "common/error.h"
#include "tensor/half.h"
#include "tensor/rng.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// ---- the vector file --------------------------------------------------------

typedef struct {
    char id[160], seed[32], op[32], dtype[16], args[160], cap[16];
    int64_t n;
} VecHdr;

// Result of one op: floats widened to double (exact for float32), or ints.
typedef struct {
    bool is_int;
    bool is_f32;
    int64_t n;
    double *f;
    int64_t *i;
} VecOut;

static bool parse_header(const char *line, VecHdr *h) {
    memset(h, 0, sizeof *h);
    const char *p = line + 1;
    while (*p) {
        while (*p == ' ') p++;
        if (strncmp(p, "py=", 3) == 0)
            break;
        const char *eq = strchr(p, '='), *end = strchr(p, ' ');
        if (!eq || !end || eq > end)
            return false;
        char key[32] = {0}, val[160] = {0};
        memcpy(key, p, (size_t)(eq - p) < sizeof key - 1 ? (size_t)(eq - p) : sizeof key - 1);
        size_t vlen = (size_t)(end - eq - 1) < sizeof val - 1 ? (size_t)(end - eq - 1) : sizeof val - 1;
        memcpy(val, eq + 1, vlen);
        if (!strcmp(key, "id")) strcpy(h->id, val);
        else if (!strcmp(key, "seed")) strcpy(h->seed, val);
        else if (!strcmp(key, "op")) strcpy(h->op, val);
        else if (!strcmp(key, "dtype")) strcpy(h->dtype, val);
        else if (!strcmp(key, "n")) h->n = strtoll(val, NULL, 10);
        else if (!strcmp(key, "args")) strcpy(h->args, val);
        else if (!strcmp(key, "cap")) strcpy(h->cap, val);
        p = end;
    }
    return h->op[0] && h->dtype[0] && h->cap[0];
}

// "a,b,..." -> doubles; "-" means no arguments.
static int parse_args(const char *s, double *a, int max) {
    int k = 0;
    if (!strcmp(s, "-"))
        return 0;
    while (k < max) {
        char *end;
        a[k++] = strtod(s, &end);
        if (*end != ',')
            break;
        s = end + 1;
    }
    return k;
}

// ---- composite ops the vectors use (nn init, dropout, DataLoader) ------------

// kaiming_uniform_(w, a=sqrt(5)) then the bias, as nn.Linear / nn.Conv2d do.
static void layer_init(Generator *g, float *w, int64_t nw, float *b, int64_t nb, int64_t fan_in) {
    double a = sqrt(5.0);
    double gain = sqrt(2.0 / (1 + pow(a, 2.0)));
    double bound = sqrt(3.0) * (gain / sqrt((double)fan_in));
    CHECK(gen_uniform_f32(g, w, nw, -bound, bound) == 0);
    double bb = fan_in > 0 ? 1 / sqrt((double)fan_in) : 0;
    CHECK(gen_uniform_f32(g, b, nb, -bb, bb) == 0);
}

static void dropout(Generator *g, float *out, int64_t n, double p) {
    float *x = malloc((size_t)n * sizeof *x);
    uint8_t *m = malloc((size_t)n);
    CHECK(gen_uniform_f32(g, x, n, 0, 1) == 0);
    CHECK(gen_bernoulli(g, m, n, 1 - p) == 0);
    for (int64_t i = 0; i < n; i++)
        out[i] = x[i] * ((float)m[i] / (float)(1 - p));
    free(x);
    free(m);
}

static void dataloader_epoch(Generator *g, int64_t *out, int64_t size, bool shuffle) {
    (void)(gen_next_u64(g) & INT64_MAX);                   // _base_seed
    if (!shuffle)
        return;
    Generator *priv = gen_new();
    gen_manual_seed(priv, gen_next_u64(g) & INT64_MAX);    // RandomSampler's seed
    CHECK(gen_randperm(priv, out, size) == 0);
    gen_free(priv);
}

// Runs [h]'s op on [g] into [o]; returns false for an unknown op.
static bool run_op(Generator *g, const VecHdr *h, VecOut *o) {
    double a[4] = {0};
    int na = parse_args(h->args, a, 4);
    bool f64 = !strcmp(h->dtype, "float64");
    int64_t n = h->n;
    float *f = malloc((size_t)(n + 1) * sizeof *f);
    o->n = n;
    o->is_f32 = !f64;
    o->is_int = false;
    bool ok = true;
    if (!strcmp(h->op, "rand") || !strcmp(h->op, "uniform")) {
        double lo = na == 2 ? a[0] : 0, hi = na == 2 ? a[1] : 1;
        CHECK(f64 ? gen_uniform_f64(g, o->f, n, lo, hi) == 0 : gen_uniform_f32(g, f, n, lo, hi) == 0);
    } else if (!strcmp(h->op, "randn") || !strcmp(h->op, "normal")) {
        double mean = na == 2 ? a[0] : 0, std = na == 2 ? a[1] : 1;
        CHECK(f64 ? gen_normal_f64(g, o->f, n, mean, std, true) == 0
                  : gen_normal_f32(g, f, n, mean, std, true) == 0);
    } else if (!strcmp(h->op, "bernoulli")) {
        uint8_t *m = malloc((size_t)n + 1);
        CHECK(gen_bernoulli(g, m, n, a[0]) == 0);
        for (int64_t i = 0; i < n; i++) f[i] = m[i];
        free(m);
    } else if (!strcmp(h->op, "dropout")) {
        dropout(g, f, n, a[0]);
    } else if (!strcmp(h->op, "linear")) {
        int64_t in = (int64_t)a[0], outf = (int64_t)a[1];
        layer_init(g, f, in * outf, f + in * outf, outf, in);
    } else if (!strcmp(h->op, "conv2d")) {
        int64_t cin = (int64_t)a[0], cout = (int64_t)a[1], k = (int64_t)a[2];
        layer_init(g, f, cout * cin * k * k, f + cout * cin * k * k, cout, cin * k * k);
    } else {
        o->is_int = true;
        if (!strcmp(h->op, "randint")) {
            int64_t lo = strtoll(h->args, NULL, 10), hi = strtoll(strchr(h->args, ',') + 1, NULL, 10);
            gen_random_from_to(g, o->i, n, (uint64_t)hi - (uint64_t)lo, lo, true);
        } else if (!strcmp(h->op, "randperm")) {
            CHECK(gen_randperm(g, o->i, strtoll(h->args, NULL, 10)) == 0);
        } else if (!strcmp(h->op, "random")) {
            gen_random_mod(g, o->i, n, UINT64_C(1) << 63, true);
        } else if (!strcmp(h->op, "dataloader")) {
            dataloader_epoch(g, o->i, (int64_t)a[0], a[1] != 0);
        } else {
            ok = false;
        }
    }
    if (!o->is_int && !f64)
        for (int64_t i = 0; i < n; i++) o->f[i] = f[i];
    free(f);
    return ok;
}

// Compares [o] with the expected value lines; prints the first mismatch.
static bool compare(const VecHdr *h, const VecOut *o, char **vals, const char *family) {
    for (int64_t i = 0; i < o->n; i++) {
        bool same;
        if (o->is_int) {
            same = o->i[i] == strtoll(vals[i], NULL, 10);
        } else if (o->is_f32) {
            float want = (float)strtod(vals[i], NULL), got = (float)o->f[i];
            same = memcmp(&want, &got, 4) == 0;
        } else {
            double want = strtod(vals[i], NULL);
            same = memcmp(&want, &o->f[i], 8) == 0;
        }
        if (!same) {
            fprintf(stderr, "vector %s (%s family): value %" PRId64 " differs: want %s got %a\n",
                    h->id, family, i, vals[i], o->is_int ? (double)o->i[i] : o->f[i]);
            return false;
        }
    }
    return true;
}

static int64_t vectors_checked, values_checked;

// Runs one vector in every family it is valid for; with two families both
// must also leave the same generator state. [g] ends in the AVX2 result.
static void run_vector(Generator *g, const VecHdr *h, char **vals) {
    if (strcmp(h->seed, "-") != 0)
        gen_manual_seed(g, (uint64_t)strtoll(h->seed, NULL, 10));
    VecOut o = {.f = calloc((size_t)h->n + 1, sizeof(double)),
                .i = calloc((size_t)h->n + 1, sizeof(int64_t))};
    bool any = !strcmp(h->cap, "any");
    Generator start = *g, after_avx2 = *g;
    bool ok = true;
    if (any || !strcmp(h->cap, "avx2")) {
        gen_set_cpu_capability(GEN_CAP_AVX2);
        ok &= run_op(g, h, &o) && compare(h, &o, vals, "avx2");
        after_avx2 = *g;
    }
    if (any || !strcmp(h->cap, "default")) {
        *g = start;
        gen_set_cpu_capability(GEN_CAP_DEFAULT);
        ok &= run_op(g, h, &o) && compare(h, &o, vals, "default");
        if (any) {
            uint8_t s1[GEN_STATE_SIZE], s2[GEN_STATE_SIZE];
            gen_get_state(g, s1);
            gen_get_state(&after_avx2, s2);
            ok &= memcmp(s1, s2, GEN_STATE_SIZE) == 0;
            *g = after_avx2;
        }
    }
    gen_set_cpu_capability(GEN_CAP_AVX2);
    CHECK(ok);
    vectors_checked++;
    values_checked += h->n;
    free(o.f);
    free(o.i);
}

static char *read_file(const char *path) {
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    fseek(fp, 0, SEEK_END);
    long len = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *buf = malloc((size_t)len + 1);
    size_t got = fread(buf, 1, (size_t)len, fp);
    buf[got] = '\0';
    fclose(fp);
    return buf;
}

static void test_vector_file(const char *path) {
    char *text = read_file(path);
    if (!text) {
        fprintf(stderr, "cannot read %s\n", path);
        CHECK(!"vector file readable");
        return;
    }
    int64_t nlines = 0;
    for (char *p = text; *p; p++) nlines += *p == '\n';
    char **lines = malloc((size_t)(nlines + 1) * sizeof *lines);
    int64_t k = 0;
    for (char *tok = strtok(text, "\n"); tok; tok = strtok(NULL, "\n"))
        lines[k++] = tok;
    Generator *g = gen_default();
    for (int64_t i = 0; i < k; i++) {
        if (lines[i][0] != '@')
            continue;
        VecHdr h;
        if (!parse_header(lines[i], &h) || i + 1 + h.n > k) {
            fprintf(stderr, "bad vector header: %s\n", lines[i]);
            CHECK(!"vector header parses");
            continue;
        }
        run_vector(g, &h, lines + i + 1);
        i += h.n;
    }
    free(lines);
    free(text);
    printf("rng vectors: %" PRId64 " vectors, %" PRId64 " values checked\n",
           vectors_checked, values_checked);
    CHECK(vectors_checked >= 378);
}

// ---- checks against values PyTorch 1.13 printed -------------------------------
// Expected values come from /usr/bin/python3 (torch 1.13, AVX2 kernels), e.g.
// torch.manual_seed(0); bytes(torch.get_rng_state().tolist())[:40].hex(),
// torch.manual_seed(0); torch.empty(20, dtype=torch.half).normal_(1.5, 0.5)
// .view(torch.int16), torch.manual_seed(1); torch.empty(5, dtype=torch.float64)
// .cauchy_(1.5, 0.3), torch.manual_seed(5); torch.multinomial(pr, 6, True).

static void hex_of(const uint8_t *b, int n, char *out) {
    for (int i = 0; i < n; i++)
        sprintf(out + 2 * i, "%02x", b[i]);
}

static bool same_f64(double a, double b) { return memcmp(&a, &b, 8) == 0; }

// Spec §2 check values: MT19937 outputs for seeds 0 and 42, and draw64.
static void test_engine(void) {
    Generator *g = gen_new();
    static const uint32_t s0[5] = {2357136044u, 2546248239u, 3071714933u, 3626093760u, 2588848963u};
    static const uint32_t s42[5] = {1608637542u, 3421126067u, 4083286876u, 787846414u, 3143890026u};
    gen_manual_seed(g, 0);
    for (int i = 0; i < 5; i++) CHECK(gen_next_u32(g) == s0[i]);
    gen_manual_seed(g, 42);
    for (int i = 0; i < 5; i++) CHECK(gen_next_u32(g) == s42[i]);
    gen_manual_seed(g, 0);
    CHECK(gen_next_u64(g) == UINT64_C(0x8c7f0aac97c4aa2f));
    gen_manual_seed(g, (UINT64_C(1) << 32) + 5);           // only the low 32 bits seed MT
    CHECK(gen_initial_seed(g) == (UINT64_C(1) << 32) + 5);
    Generator *h = gen_new();
    gen_manual_seed(h, 5);
    CHECK(gen_next_u32(g) == gen_next_u32(h));
    gen_free(h);
    gen_free(g);
}

static void test_state_bytes(void) {
    Generator *g = gen_new();
    uint8_t st[GEN_STATE_SIZE];
    char hex[2 * GEN_STATE_SIZE + 1];
    gen_get_state(g, st);                                   // torch.Generator().get_state()
    hex_of(st, 32, hex);
    CHECK_STR(hex, "01d19cf1303d00000100000001000000000000000000000001d19cf100000000");
    gen_manual_seed(g, 0);
    gen_get_state(g, st);
    hex_of(st, 40, hex);
    CHECK_STR(hex, "00000000000000000100000001000000000000000000000000000000000000000100000000000000");
    hex_of(st + 5000, 56, hex);
    CHECK_STR(hex, "2f30b4b50000000030191a6b0000000000000000000000000000000000000000"
                   "000000000000000000000000000000000000000000000000");
    gen_manual_seed(g, 3);                                  // randn(3) leaves a cached normal
    float f[3];
    CHECK(gen_normal_f32(g, f, 3, 0, 1, true) == 0);
    gen_get_state(g, st);
    hex_of(st, 32, hex);
    CHECK_STR(hex, "03000000000000006902000001000000080000000000000092c2158700000000");
    hex_of(st + 5000, 56, hex);
    CHECK_STR(hex, "1fdf630700000000101b27f2000000000000000000000000663e85f293a3e3bf0000000000000000"
                   "01000000000000000000000000000000");
    double d[2];
    CHECK(gen_uniform_f64(g, d, 2, 0, 1) == 0);
    CHECK(same_f64(d[0], 0x1.82bfd6fe34a93p-1) && same_f64(d[1], 0x1.376ca04ccab6bp-1));
    // set_state restores the engine and the cache: randn(1) takes the cached value.
    Generator *h = gen_new();
    CHECK(gen_set_state(h, st, GEN_STATE_SIZE) == 0);
    CHECK(gen_normal_f64(h, d, 1, 0, 1, true) == 0);
    CHECK(same_f64(d[0], -0x1.3a393f2853e66p-1));
    // The legacy 5048-byte layout caches rho * sin(2 pi x).
    memcpy(st + 5016, (uint8_t[8]){0x9a, 0x99, 0x99, 0x99, 0x99, 0x99, 0xb9, 0x3f}, 8);   // 0.1
    memcpy(st + 5032, (uint8_t[8]){0, 0, 0, 0, 0, 0, 0xf8, 0x3f}, 8);                     // 1.5
    CHECK(gen_set_state(h, st, GEN_STATE_SIZE_LEGACY) == 0);
    CHECK(gen_normal_f64(h, d, 1, 0, 1, true) == 0);
    CHECK(same_f64(d[0], 0x1.c36b486b0078dp-1));
    gen_get_state(h, st);
    hex_of(st + 5000, 56, hex);
    CHECK_STR(hex, "1fdf630700000000101b27f20000000000000000000000000000000000000000"
                   "000000000000000000000000000000000000000000000000");
    // Errors, in PyTorch's words.
    CHECK(gen_set_state(h, st, 10) == -1);
    CHECK_STR(tl_error_message(), "Expected either a CPUGeneratorImplStateLegacy of size 5048 or a "
              "CPUGeneratorImplState of size 5056 but found the input RNG state size to be 10");
    memset(st, 0, sizeof st);
    CHECK(gen_set_state(h, st, GEN_STATE_SIZE) == -1);
    CHECK_STR(tl_error_message(), "Invalid mt19937 state");
    tl_error_clear();
    gen_free(h);
    gen_free(g);
}

static void test_seed_and_default(void) {
    Generator *g = gen_new();
    uint64_t s = gen_seed(g);
    CHECK(gen_initial_seed(g) == s);
    Generator *h = gen_new();
    gen_manual_seed(h, s);
    CHECK(gen_next_u32(g) == gen_next_u32(h));
    CHECK(gen_default() != NULL && gen_default() == gen_default());
    gen_free(h);
    gen_free(g);
}

static void check_u16(const uint16_t *got, const uint16_t *want, int n) {
    bool ok = true;
    for (int i = 0; i < n; i++) ok &= got[i] == want[i];
    CHECK(ok);
}

static void test_half(void) {
    static const uint16_t f16_n20[20] = {15411, 16118, 16435, 16336, 14957, 16267, 15762, 16076,
        16554, 15336, 15075, 16099, 16309, 15961, 15976, 15802, 16186, 15950, 16482, 15543};
    static const uint16_t f16_n5[5] = {16522, 15722, 13970, 16163, 15273};
    static const uint16_t f16_u8[8] = {10328, 42736, 14350, 13491, 12004, 11428, 14428, 13825};
    static const uint16_t bf_n20[20] = {16399, 16339, 16382, 16402, 16277, 16313, 16377, 16213,
        16264, 16341, 16396, 16324, 16417, 16356, 16333, 16275, 16338, 16268, 16292, 16291};
    static const uint16_t bf_n5[5] = {16401, 16301, 16082, 16356, 16245};
    static const uint16_t bf_u8[8] = {16062, 48624, 15904, 16102, 48416, 16174, 16108, 15824};
    Generator *g = gen_new();
    uint16_t o[20];
    gen_manual_seed(g, 0); CHECK(gen_normal_f16(g, o, 20, 1.5, 0.5, true) == 0); check_u16(o, f16_n20, 20);
    gen_manual_seed(g, 0); CHECK(gen_normal_f16(g, o, 5, 1.5, 0.5, true) == 0); check_u16(o, f16_n5, 5);
    gen_manual_seed(g, 0); CHECK(gen_uniform_f16(g, o, 8, -0.3, 0.7) == 0); check_u16(o, f16_u8, 8);
    gen_manual_seed(g, 0); CHECK(gen_normal_bf16(g, o, 20, 1.5, 0.5, true) == 0); check_u16(o, bf_n20, 20);
    gen_manual_seed(g, 0); CHECK(gen_normal_bf16(g, o, 5, 1.5, 0.5, true) == 0); check_u16(o, bf_n5, 5);
    gen_manual_seed(g, 0); CHECK(gen_uniform_bf16(g, o, 8, -0.3, 0.7) == 0); check_u16(o, bf_u8, 8);
    gen_free(g);
}

static void check_f64s(const double *got, const double *want, int n) {
    bool ok = true;
    for (int i = 0; i < n; i++) ok &= same_f64(got[i], want[i]);
    CHECK(ok);
}

static void check_f32s(const float *got, const double *want, int n) {
    bool ok = true;
    for (int i = 0; i < n; i++) ok &= got[i] == (float)want[i];
    CHECK(ok);
}

static void check_i64s(const int64_t *got, const int64_t *want, int n) {
    bool ok = true;
    for (int i = 0; i < n; i++) ok &= got[i] == want[i];
    CHECK(ok);
}

static void test_other_distributions(void) {
    static const double exp_f32[5] = {0x1.2b608ep+1, 0x1.a3f8aap-1, 0x1.a3debep-2, 0x1.b0a906p+0, 0x1.618552p-1};
    static const double cauchy[5] = {-0x1.6f88477fdb6abp-5, 0x1.25d2d0b70f56dp+0, 0x1.2b32de1c69909p+0,
                                     0x1.048261c921c88p+0, 0x1.8dab60d362254p+0};
    static const double logn[5] = {0x1.583c46225b79bp+0, 0x1.fa00c5320d331p-1, 0x1.e24dcee61ad77p-1,
                                   0x1.35c337277826ap-1, 0x1.dcf2e6b7091cdp+0};
    static const double geom[8] = {10, 4, 1, 5, 1, 2, 5, 3};
    static const double nc20[20] = {0x1.15c982p-2, -0x1.45ddfap+0, 0x1.016182p-1, 0x1.ac1d58p-2,
        -0x1.476214p-1, -0x1.52508ap-1, -0x1.2582p-3, -0x1.ab45eap-4, -0x1.88004ep+0, 0x1.437b7cp-1,
        -0x1.5842bp+0, 0x1.6e522cp+0, -0x1.e0c5b6p-1, 0x1.19f32ap+1, 0x1.19f526p+0, 0x1.cc313ap-1,
        0x1.169faap+0, 0x1.6a824cp-3, -0x1.b472ep-2, -0x1.95b9e6p-3};
    Generator *g = gen_new();
    float f[20];
    double d[8];
    gen_manual_seed(g, 0); CHECK(gen_exponential_f32(g, f, 5, 1.5) == 0); check_f32s(f, exp_f32, 5);
    gen_manual_seed(g, 1); CHECK(gen_cauchy_f64(g, d, 5, 1.5, 0.3) == 0); check_f64s(d, cauchy, 5);
    gen_manual_seed(g, 2); CHECK(gen_log_normal_f64(g, d, 5, 0.1, 0.5) == 0); check_f64s(d, logn, 5);
    gen_manual_seed(g, 3); CHECK(gen_geometric_f32(g, f, 8, 0.3) == 0); check_f32s(f, geom, 8);
    // A non-contiguous output takes the scalar path even with n >= 16.
    gen_manual_seed(g, 8); CHECK(gen_normal_f32(g, f, 20, 0, 1, false) == 0); check_f32s(f, nc20, 20);

    static const float pf[8] = {0.1f, 0.5f, 0.9f, 0.0f, 1.0f, 0.33f, 0.67f, 0.5f};
    double pd[8];
    for (int i = 0; i < 8; i++) pd[i] = pf[i];
    uint8_t m[8];
    static const uint8_t bern32[8] = {0, 0, 1, 0, 1, 1, 0, 0}, bern64[8] = {0, 0, 1, 0, 1, 0, 1, 0};
    gen_manual_seed(g, 4); CHECK(gen_bernoulli_pf32(g, m, pf, 8) == 0); CHECK(!memcmp(m, bern32, 8));
    gen_manual_seed(g, 4); CHECK(gen_bernoulli_pf64(g, m, pd, 8) == 0); CHECK(!memcmp(m, bern64, 8));
    gen_free(g);
}

static void test_integers_and_multinomial(void) {
    Generator *g = gen_new();
    int64_t o[12];
    static const int64_t perm10[10] = {4, 1, 7, 5, 3, 9, 0, 8, 6, 2};
    gen_manual_seed(g, 0); CHECK(gen_randperm(g, o, 10) == 0); check_i64s(o, perm10, 10);
    static const int64_t r32[5] = {1687321482, 1921895113, 1425842403, 899393492, 1379668586};
    gen_manual_seed(g, 6); gen_random_mod(g, o, 5, UINT64_C(1) << 31, false); check_i64s(o, r32, 5);
    static const int64_t rbool[8] = {0, 1, 1, 0, 0, 1, 1, 0};
    gen_manual_seed(g, 6); gen_random_mod(g, o, 8, 2, false); check_i64s(o, rbool, 8);
    static const int64_t rf16[5] = {1229, 1242, 675, 1334, 1585};
    gen_manual_seed(g, 6); gen_random_mod(g, o, 5, 2049, false); check_i64s(o, rf16, 5);
    static const int64_t ri16[6] = {130, 38, 234, 277, 47, 263};
    gen_manual_seed(g, 9); gen_random_from_to(g, o, 6, 305, -5, false); check_i64s(o, ri16, 6);
    // float32 random_(2**30+1, 2**30+1000): bounds move to 2**30+128 .. 2**30+896.
    int64_t lo = gen_float_from_bound((INT64_C(1) << 30) + 1, 24);
    int64_t hi = gen_float_to_bound((INT64_C(1) << 30) + 1000, 24);
    CHECK(lo == (INT64_C(1) << 30) + 128 && hi == (INT64_C(1) << 30) + 896);
    static const double big[6] = {0x1.00000cp+30, 0x1.000006p+30, 0x1.000002p+30, 0x1.00000ep+30,
                                  0x1.000004p+30, 0x1.00000ep+30};
    gen_manual_seed(g, 7); gen_random_from_to(g, o, 6, (uint64_t)(hi - lo), lo, true);
    bool ok = true;
    for (int i = 0; i < 6; i++) ok &= (float)o[i] == (float)big[i];
    CHECK(ok);

    static const float pr[10] = {0.1f, 0.0f, 0.3f, 0.6f, 0.2f, 1.0f, 2.0f, 0.5f, 0.0f, 0.25f};
    double prd[10];
    for (int i = 0; i < 10; i++) prd[i] = pr[i];
    static const int64_t rep[12] = {3, 2, 3, 2, 2, 4, 1, 1, 2, 1, 1, 1};
    static const int64_t norep[6] = {3, 2, 4, 1, 0, 4}, norep64[8] = {3, 2, 4, 0, 1, 0, 4, 2};
    static const int64_t one[2] = {3, 1};
    gen_manual_seed(g, 5); CHECK(gen_multinomial_f32(g, pr, 2, 5, 6, true, o) == 0); check_i64s(o, rep, 12);
    gen_manual_seed(g, 5); CHECK(gen_multinomial_f32(g, pr, 2, 5, 3, false, o) == 0); check_i64s(o, norep, 6);
    gen_manual_seed(g, 5); CHECK(gen_multinomial_f64(g, prd, 2, 5, 4, false, o) == 0); check_i64s(o, norep64, 8);
    gen_manual_seed(g, 5); CHECK(gen_multinomial_f32(g, pr, 2, 5, 1, false, o) == 0); check_i64s(o, one, 2);
    gen_free(g);
}

// Each user-triggerable error, with the message PyTorch prints.
static void test_errors(void) {
    Generator *g = gen_new();
    float f[4];
    int64_t o[4];
    uint8_t m[4];
    CHECK(gen_uniform_f32(g, f, 4, 1, 0) == -1);
    CHECK_STR(tl_error_message(), "uniform_ expects to return a [from, to) range, but found from=1 > to=0");
    CHECK(gen_uniform_f32(g, f, 4, -3e38, 3e38) == -1);
    CHECK_STR(tl_error_message(), "uniform_ expects to-from <= std::numeric_limits<Float>::max(), but "
              "found to=3e+38 and from=-3e+38 which result in to-from to exceed the limit");
    CHECK(gen_uniform_f32(g, f, 4, -1e39, 0) == -1);
    CHECK_STR(tl_error_message(), "from is out of bounds for float");
    uint16_t h[4];
    CHECK(gen_uniform_f16(g, h, 4, 0, 1e5) == -1);
    CHECK_STR(tl_error_message(), "to is out of bounds for c10::Half");
    CHECK(gen_normal_f32(g, f, 4, 0, -1.5, true) == -1);
    CHECK_STR(tl_error_message(), "normal expects std >= 0.0, but found std -1.5");
    CHECK(gen_bernoulli(g, m, 4, -0.5) == -1);
    CHECK_STR(tl_error_message(), "bernoulli_ expects p to be in [0, 1], but got p=-0.5");
    CHECK(gen_exponential_f32(g, f, 4, -1) == -1);
    CHECK_STR(tl_error_message(), "exponential_ expects lambda >= 0.0, but found lambda=-1");
    CHECK(gen_log_normal_f32(g, f, 4, 0, 0) == -1);
    CHECK_STR(tl_error_message(), "log_normal_ expects std > 0.0, but found std=0");
    CHECK(gen_geometric_f32(g, f, 4, 1) == -1);
    CHECK_STR(tl_error_message(), "geometric_ expects p to be in (0, 1), but got p=1");
    const float p2[2] = {1, 2}, neg[2] = {1, -2}, zero[2] = {0, 0}, inf[2] = {1, INFINITY};
    CHECK(gen_multinomial_f32(g, p2, 1, 2, 3, false, o) == -1);
    CHECK_STR(tl_error_message(), "cannot sample n_sample > prob_dist.size(-1) samples without replacement");
    CHECK(gen_multinomial_f32(g, p2, 1, 2, 0, false, o) == -1);
    CHECK_STR(tl_error_message(), "cannot sample n_sample <= 0 samples");
    CHECK(gen_multinomial_f32(g, neg, 1, 2, 1, false, o) == -1);
    CHECK_STR(tl_error_message(), "probability tensor contains either `inf`, `nan` or element < 0");
    CHECK(gen_multinomial_f32(g, neg, 1, 2, 2, true, o) == -1);
    CHECK_STR(tl_error_message(), "invalid multinomial distribution (encountering probability entry < 0)");
    CHECK(gen_multinomial_f32(g, zero, 1, 2, 2, true, o) == -1);
    CHECK_STR(tl_error_message(), "invalid multinomial distribution (sum of probabilities <= 0)");
    CHECK(gen_multinomial_f32(g, zero, 1, 2, 1, false, o) == -1);
    CHECK_STR(tl_error_message(), "invalid multinomial distribution (sum of probabilities <= 0)");
    CHECK(gen_multinomial_f32(g, inf, 1, 2, 2, true, o) == -1);
    CHECK_STR(tl_error_message(), "invalid multinomial distribution (encountering probability entry = "
              "infinity or NaN)");
    const float badp[2] = {0.5f, 1.5f};
    CHECK(gen_bernoulli_pf32(g, m, badp, 2) == -1);
    CHECK_STR(tl_error_message(), "Expected p_in >= 0 && p_in <= 1 to be true, but got false.  (Could "
              "this error message be improved?  If so, please report an enhancement request to PyTorch.)");
    tl_error_clear();
    gen_free(g);
}

int main(int argc, char **argv) {
    test_vector_file(argc > 1 ? argv[1] : "../shared/spec/rng_vectors.txt");
    test_engine();
    test_state_bytes();
    test_seed_and_default();
    test_half();
    test_other_distributions();
    test_integers_and_multinomial();
    test_errors();
    return test_summary();
}
