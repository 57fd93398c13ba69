// The Generator: PyTorch's MT19937 engine (at::mt19937), seeding, the
// get/set_rng_state byte layout, the default generator, raw draws and the
// choice of CPU kernel family. Distributions live in rng_dist.c and
// rng_normal.c (normal_ for every float dtype).
#include "tensor/rng.h"

#include "common/alloc.h"
#include "common/error.h"

#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

// ---- engine ---------------------------------------------------------------

static void mt_seed(Generator *g, uint64_t seed) {
    g->seed = seed;
    g->seeded = true;
    g->mt[0] = (uint32_t)seed;
    for (uint32_t i = 1; i < GEN_MT_N; i++)
        g->mt[i] = 1812433253u * (g->mt[i - 1] ^ (g->mt[i - 1] >> 30)) + i;
    g->left = 1;
    g->next = 0;
}

// Updates the words in place in increasing k, so words k+397 >= 624 are
// already the new ones: the reference MT19937 recurrence.
static void mt_regenerate(Generator *g) {
    uint32_t *mt = g->mt;
    for (int k = 0; k < GEN_MT_N; k++) {
        uint32_t mixed = (mt[k] & 0x80000000u) | (mt[(k + 1) % GEN_MT_N] & 0x7fffffffu);
        mt[k] = mt[(k + 397) % GEN_MT_N] ^ (mixed >> 1) ^ ((mixed & 1u) ? 0x9908b0dfu : 0u);
    }
    g->left = GEN_MT_N;
    g->next = 0;
}

uint32_t gen_next_u32(Generator *g) {
    // next >= 624 without a due regeneration only comes from a hand-made
    // state that PyTorch would read out of bounds; regenerate instead.
    if (--g->left <= 0 || g->next >= GEN_MT_N)
        mt_regenerate(g);
    uint32_t y = g->mt[g->next++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= y >> 18;
    return y;
}

uint64_t gen_next_u64(Generator *g) {
    uint64_t hi = gen_next_u32(g);
    uint64_t lo = gen_next_u32(g);
    return hi << 32 | lo;
}

void gen_fill_next_floats(Generator *g, float *out, int64_t n) {
    int64_t i = 0;
    while (i < n) {
        // gen_next_u32 regenerates when --left reaches 0: with left = L it
        // can be called L - 1 times without that, all reading mt[next...].
        int64_t run = g->left - 1;
        if (run > (int64_t)GEN_MT_N - (int64_t)g->next) run = (int64_t)GEN_MT_N - (int64_t)g->next;
        if (run > n - i) run = n - i;
        if (run <= 0) {
            out[i++] = gen_next_float(g);   // the call that regenerates
            continue;
        }
        const uint32_t *mt = g->mt + g->next;
        for (int64_t j = 0; j < run; j++) {
            uint32_t y = mt[j];
            y ^= y >> 11;
            y ^= (y << 7) & 0x9d2c5680u;
            y ^= (y << 15) & 0xefc60000u;
            y ^= y >> 18;
            out[i + j] = (float)(y & 0xffffffu) * 0x1p-24f;
        }
        g->next += (int)run;
        g->left -= (int)run;
        i += run;
    }
}

float gen_next_float(Generator *g) {
    return (float)(gen_next_u32(g) & 0xffffffu) * 0x1p-24f;
}

double gen_next_double(Generator *g) {
    return (double)(gen_next_u64(g) & ((UINT64_C(1) << 53) - 1)) * 0x1p-53;
}

// The radius comes from the second uniform, the angle from the first; the
// sine branch is cached raw (before any mean/std).
double gen_next_normal(Generator *g) {
    if (g->has_next_double_normal) {
        g->has_next_double_normal = false;
        return g->next_double_normal;
    }
    double u1 = gen_next_double(g);
    double u2 = gen_next_double(g);
    double r = sqrt(-2.0 * log(1.0 - u2));
    double theta = 2.0 * M_PI * u1;
    g->next_double_normal = r * sin(theta);
    g->has_next_double_normal = true;
    return r * cos(theta);
}

// ---- generators -----------------------------------------------------------

void gen_manual_seed(Generator *g, uint64_t seed) {
    mt_seed(g, seed);
    g->has_next_double_normal = false;
    g->next_double_normal = 0.0;
    g->has_next_float_normal = false;
    g->next_float_normal = 0.0f;
}

Generator *gen_new(void) {
    Generator *g = tl_xmalloc(sizeof *g);
    gen_manual_seed(g, GEN_DEFAULT_SEED);
    return g;
}

void gen_free(Generator *g) { free(g); }

uint64_t gen_initial_seed(const Generator *g) { return g->seed; }

// c10's getNonDeterministicRandom on Linux: 8 bytes of /dev/urandom.
static uint64_t nondeterministic_seed(void) {
    uint64_t s = 0;
    int fd = open("/dev/urandom", O_RDONLY);
    if (fd >= 0) {
        ssize_t got = read(fd, &s, sizeof s);
        close(fd);
        if (got == (ssize_t)sizeof s)
            return s;
    }
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint64_t gen_seed(Generator *g) {
    uint64_t s = nondeterministic_seed();
    gen_manual_seed(g, s);
    return s;
}

Generator *gen_default(void) {
    static Generator def;
    static bool ready;
    if (!ready) {
        gen_manual_seed(&def, nondeterministic_seed());
        ready = true;
    }
    return &def;
}

// ---- state bytes ----------------------------------------------------------

enum {
    ST_SEED = 0, ST_LEFT = 8, ST_SEEDED = 12, ST_NEXT = 16, ST_MT = 24,
    ST_NORMAL_X = 5016, ST_NORMAL_Y = 5024, ST_NORMAL_RHO = 5032,
    ST_NORMAL_VALID = 5040, ST_FLOAT_NORMAL = 5048, ST_FLOAT_VALID = 5052,
};

static void put_le(uint8_t *p, uint64_t v, int nbytes) {
    for (int i = 0; i < nbytes; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get_le(const uint8_t *p, int nbytes) {
    uint64_t v = 0;
    for (int i = 0; i < nbytes; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

static void put_f64(uint8_t *p, double d) {
    uint64_t u;
    memcpy(&u, &d, 8);
    put_le(p, u, 8);
}

static double get_f64(const uint8_t *p) {
    uint64_t u = get_le(p, 8);
    double d;
    memcpy(&d, &u, 8);
    return d;
}

void gen_get_state(const Generator *g, uint8_t out[GEN_STATE_SIZE]) {
    memset(out, 0, GEN_STATE_SIZE);
    put_le(out + ST_SEED, g->seed, 8);
    put_le(out + ST_LEFT, (uint32_t)g->left, 4);
    put_le(out + ST_SEEDED, g->seeded ? 1 : 0, 4);
    put_le(out + ST_NEXT, g->next, 8);
    for (int i = 0; i < GEN_MT_N; i++)
        put_le(out + ST_MT + 8 * i, g->mt[i], 8);
    // normal_x and normal_rho are dead legacy fields, written as 0.0.
    if (g->has_next_double_normal) {
        put_f64(out + ST_NORMAL_Y, g->next_double_normal);
        put_le(out + ST_NORMAL_VALID, 1, 4);
    }
    if (g->has_next_float_normal) {
        uint32_t u;
        memcpy(&u, &g->next_float_normal, 4);
        put_le(out + ST_FLOAT_NORMAL, u, 4);
        out[ST_FLOAT_VALID] = 1;
    }
}

int gen_set_state(Generator *g, const uint8_t *state, int64_t nbytes) {
    if (nbytes != GEN_STATE_SIZE && nbytes != GEN_STATE_SIZE_LEGACY)
        return tl_raise_int(ERR_RUNTIME, "Expected either a CPUGeneratorImplStateLegacy of "
                            "size %d or a CPUGeneratorImplState of size %d but found the "
                            "input RNG state size to be %lld", GEN_STATE_SIZE_LEGACY,
                            GEN_STATE_SIZE, (long long)nbytes);
    int left = (int)(int32_t)get_le(state + ST_LEFT, 4);
    bool seeded = get_le(state + ST_SEEDED, 4) != 0;
    uint32_t next = (uint32_t)get_le(state + ST_NEXT, 8);
    if (!seeded || left <= 0 || left > GEN_MT_N || next > GEN_MT_N)
        return tl_raise_int(ERR_RUNTIME, "Invalid mt19937 state");
    Generator n = {0};
    n.seed = get_le(state + ST_SEED, 8);
    n.left = left;
    n.seeded = seeded;
    n.next = next;
    for (int i = 0; i < GEN_MT_N; i++)
        n.mt[i] = (uint32_t)get_le(state + ST_MT + 8 * i, 8);
    if (get_le(state + ST_NORMAL_VALID, 4) != 0) {
        n.has_next_double_normal = true;
        if (nbytes == GEN_STATE_SIZE) {
            n.next_double_normal = get_f64(state + ST_NORMAL_Y);
        } else {
            // The legacy layout kept the uniform and the radius, not the sample.
            double theta = 2.0 * M_PI * get_f64(state + ST_NORMAL_X);
            n.next_double_normal = get_f64(state + ST_NORMAL_RHO) * sin(theta);
        }
    }
    if (nbytes == GEN_STATE_SIZE && state[ST_FLOAT_VALID]) {
        uint32_t u = (uint32_t)get_le(state + ST_FLOAT_NORMAL, 4);
        n.has_next_float_normal = true;
        memcpy(&n.next_float_normal, &u, 4);
    }
    *g = n;
    return 0;
}

// ---- kernel family --------------------------------------------------------

static int cpu_cap = -1;

GenCpuCap gen_cpu_capability(void) {
    if (cpu_cap < 0) {
        const char *env = getenv("ATEN_CPU_CAPABILITY");
        cpu_cap = (env && strcmp(env, "default") == 0) ? GEN_CAP_DEFAULT : GEN_CAP_AVX2;
    }
    return (GenCpuCap)cpu_cap;
}

void gen_set_cpu_capability(GenCpuCap cap) { cpu_cap = (int)cap; }
