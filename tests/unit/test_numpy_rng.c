// Tests for lib/numpy_rng: numpy's legacy RandomState replayed bit for bit
// against values numpy 1.24 printed (/usr/bin/python3, np.random.RandomState
// get_state(), randint(dtype=uint64) for raw words, float.hex() for doubles).
#include "harness.h"

#include <stdint.h>

#include "lib/numpy_rng.h"

static void test_seed_state(void) {
    NpRandomState s;
    np_rng_seed(&s, 0);
    // RandomState(0).get_state(): key[:4], key[623], pos
    CHECK(s.key[0] == 0 && s.key[1] == 1 && s.key[2] == 1812433255u && s.key[3] == 1900727105u);
    CHECK(s.key[623] == 1796872496u);
    CHECK(s.pos == 624);
    // RandomState(0).randint(0, 2**32, size=6, dtype=np.uint64): raw outputs
    static const uint32_t words[] = {2357136044u, 2546248239u, 3071714933u, 3626093760u, 2588848963u, 3684848379u};
    for (int i = 0; i < 6; i++) CHECK(np_rng_next_u32(&s) == words[i]);
}

static void test_doubles(void) {
    NpRandomState s;
    np_rng_seed(&s, 42);
    // RandomState(42).random_sample(4)
    static const double want[] = {0x1.7f8771e5f51ecp-2, 0x1.e6c4068bbd654p-1, 0x1.76c7e8f1e6751p-1,
                                  0x1.32835d6632cb0p-1};
    for (int i = 0; i < 4; i++) CHECK(np_rng_next_double(&s) == want[i]);
    np_rng_seed(&s, 4294967295u);   // the largest seed numpy accepts
    CHECK(np_rng_next_double(&s) == 0x1.8fe69a3924820p-4);
}

static void test_gauss(void) {
    NpRandomState s;
    np_rng_seed(&s, 0);
    // RandomState(0).standard_normal(5), then one more (the cached half of a pair)
    static const double want[] = {0x1.c398ef3e5cfa5p+0, 0x1.99c2cfacc8953p-2, 0x1.f51d25222c9abp-1,
                                  0x1.1ed5969e3314ep+1, 0x1.de1847cb13ddap+0, -0x1.f45dc42a58c82p-1};
    for (int i = 0; i < 6; i++) CHECK(np_rng_gauss(&s) == want[i]);
    // RandomState(2024).standard_normal(1001)[999], [1000]: many regenerations and rejections
    np_rng_seed(&s, 2024);
    double g999 = 0, g1000 = 0;
    for (int i = 0; i <= 1000; i++) {
        double v = np_rng_gauss(&s);
        if (i == 999) g999 = v;
        if (i == 1000) g1000 = v;
    }
    CHECK(g999 == 0x1.20fec321f88e5p-1);
    CHECK(g1000 == 0x1.643a10c47c248p+0);
    // Seeding drops a cached value: seed(0) twice gives the same first normal.
    np_rng_seed(&s, 0);
    np_rng_gauss(&s);
    np_rng_seed(&s, 0);
    CHECK(np_rng_gauss(&s) == want[0]);
}

static void test_seed_array(void) {
    NpRandomState s;
    static const uint32_t key[] = {1, 2, 3};
    np_rng_seed_by_array(&s, key, 3);
    // RandomState([1, 2, 3]).get_state()[1][:3], then random_sample()
    CHECK(s.key[0] == 2147483648u && s.key[1] == 188977461u && s.key[2] == 1294596893u);
    CHECK(np_rng_next_double(&s) == 0x1.383fbc97230c2p-1);
}

static void test_bounded(void) {
    NpRandomState s;
    np_rng_seed(&s, 5);
    uint64_t out[8];
    // RandomState(5): randint(0, 10, 8), randint(0, 2**40, 3), randint(-5, 5, 4), randint(0, 2**32, 2)
    static const uint64_t a[] = {3, 6, 6, 0, 9, 8, 4, 7};
    np_rng_bounded(&s, 0, 9, 8, out);
    for (int i = 0; i < 8; i++) CHECK(out[i] == a[i]);
    static const uint64_t b[] = {819333335451ull, 483262925470ull, 894627945991ull};
    np_rng_bounded(&s, 0, (1ull << 40) - 1, 3, out);
    for (int i = 0; i < 3; i++) CHECK(out[i] == b[i]);
    static const int64_t c[] = {-4, 0, 2, -5};
    np_rng_bounded(&s, (uint64_t)(int64_t)-5, 9, 4, out);
    for (int i = 0; i < 4; i++) CHECK((int64_t)out[i] == c[i]);
    static const uint64_t d[] = {3519608859ull, 1895408684ull};
    np_rng_bounded(&s, 0, 0xffffffffull, 2, out);
    for (int i = 0; i < 2; i++) CHECK(out[i] == d[i]);
    np_rng_bounded(&s, 7, 0, 1, out);   // an empty range draws nothing
    CHECK(out[0] == 7);
}

static void test_permutation(void) {
    NpRandomState s;
    np_rng_seed(&s, 3);
    // RandomState(3).permutation(10): Fisher-Yates from the end over random_interval
    int64_t p[10];
    for (int i = 0; i < 10; i++) p[i] = i;
    for (int i = 9; i >= 1; i--) {
        int64_t j = (int64_t)np_rng_interval(&s, (uint64_t)i), t = p[i];
        p[i] = p[j];
        p[j] = t;
    }
    static const int64_t want[] = {5, 4, 1, 2, 9, 6, 7, 0, 3, 8};
    for (int i = 0; i < 10; i++) CHECK(p[i] == want[i]);
    CHECK(np_rng_interval(&s, 0) == 0);
}

int main(void) {
    test_seed_state();
    test_doubles();
    test_gauss();
    test_seed_array();
    test_bounded();
    test_permutation();
    return test_summary();
}
