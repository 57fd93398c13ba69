// The random module on a private MT19937 generator (tensor/rng.h), with
// CPython's algorithms on top of random(): gauss's Box-Muller pair cache,
// normalvariate's ratio method, choices' bisection. Draws are not CPython's
// bit for bit (the spec allows that); seed() makes them reproducible.
// Unseeded, the generator starts from /dev/urandom.
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lib/std_modules.h"
#include "tensor/rng.h"
#include "vm/containers.h"
#include "vm/modules.h"

static Generator *gen;
static bool has_gauss_next;
static double gauss_next;

static Generator *rng(void) {
    if (!gen) {
        gen = gen_new();
        gen_seed(gen);
    }
    return gen;
}

static double rand01(void) { return gen_next_double(rng()); }

// Uniform integer in [0, n), n > 0, without modulo bias.
static uint64_t rand_below(uint64_t n) {
    uint64_t limit = UINT64_MAX - UINT64_MAX % n;   // accept [0, limit)
    uint64_t r;
    do r = gen_next_u64(rng());
    while (r >= limit);
    return r % n;
}

// ------------------------------------------------------------ arguments

// Binds arguments as a Python method `Random.<fname>(self, names...)` would,
// with CPython's messages (self counts in "takes N positional arguments").
// [nreq] leading names are required; out[i] is VAL_UNDEF when not given.
static int py_args(const char *fname, int nargs, Value *args, const KwArgs *kw, const char *const *names,
                   int npos, int nreq, int nnames, Value *out) {
    for (int i = 0; i < nnames; i++) out[i] = VAL_UNDEFINED;
    if (nargs > npos) {
        if (nreq == npos)
            exc_raise(exc_TypeError, "Random.%s() takes %d positional argument%s but %d were given", fname, npos + 1,
                      npos == 0 ? "" : "s", nargs + 1);
        else
            exc_raise(exc_TypeError, "Random.%s() takes from %d to %d positional arguments but %d were given", fname,
                      nreq + 1, npos + 1, nargs + 1);
        return -1;
    }
    for (int i = 0; i < nargs; i++) out[i] = args[i];
    for (int k = 0; kw && k < kw->n; k++) {
        int j = 0;
        while (j < nnames && strcmp(names[j], kw->names[k]->data) != 0) j++;
        if (j == nnames) {
            exc_raise(exc_TypeError, "Random.%s() got an unexpected keyword argument '%s'", fname, kw->names[k]->data);
            return -1;
        }
        if (!IS_UNDEF(out[j])) {
            exc_raise(exc_TypeError, "Random.%s() got multiple values for argument '%s'", fname, names[j]);
            return -1;
        }
        out[j] = kw->values[k];
    }
    int missing = 0;
    const char *miss[4];
    for (int i = 0; i < nreq; i++)
        if (IS_UNDEF(out[i]) && missing < 4) miss[missing++] = names[i];
    if (missing == 1) {
        exc_raise(exc_TypeError, "Random.%s() missing 1 required positional argument: '%s'", fname, miss[0]);
        return -1;
    }
    if (missing >= 2) {
        exc_raise(exc_TypeError, "Random.%s() missing %d required positional arguments: '%s' and '%s'", fname,
                  missing, miss[0], miss[1]);
        return -1;
    }
    return 0;
}

static int real_arg(Value v, double *out) {
    if (val_to_double(v, out)) return 0;
    exc_raise(exc_TypeError, "must be real number, not %s", val_type_name(v));
    return -1;
}

// randrange's int conversion: integral floats pass (deprecated in CPython).
static int range_int(Value v, const char *what, int64_t *out) {
    if (IS_FLOAT(v)) {
        double f = v.as.f;
        if (f != floor(f) || !isfinite(f) || fabs(f) >= 9.2e18) {
            exc_raise(exc_ValueError, "non-integer %s for randrange()", what);
            return -1;
        }
        *out = (int64_t)f;
        return 0;
    }
    return index_require(v, out);
}

// ------------------------------------------------------------ seeding, basics

static uint32_t fold64(uint64_t x) { return (uint32_t)(x ^ (x >> 32)); }

static Value r_seed(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"a", "version"};
    Value a[2];
    if (py_args("seed", nargs, args, kw, names, 2, 0, 2, a) < 0) return VAL_ERROR;
    Value s = a[0];
    Generator *g = rng();
    has_gauss_next = false;
    if (IS_UNDEF(s) || IS_NONE(s)) {
        gen_seed(g);
        return NONE_VAL;
    }
    uint64_t bits;
    if (IS_INT(s) || IS_BOOL(s)) {
        int64_t v = IS_BOOL(s) ? s.as.b : s.as.i;
        bits = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;   // CPython seeds with abs(a)
    } else if (IS_FLOAT(s)) {
        memcpy(&bits, &s.as.f, sizeof bits);
    } else if (val_is_str(s)) {
        bits = 14695981039346656037ull;                 // FNV-1a: stable across runs
        for (int64_t i = 0; i < AS_STR(s)->len; i++) bits = (bits ^ (uint8_t)AS_STR(s)->data[i]) * 1099511628211ull;
    } else {
        int64_t h = val_hash(s);
        if (h == -1 && tl_error_pending()) return VAL_ERROR;
        bits = (uint64_t)h;
    }
    gen_manual_seed(g, fold64(bits));
    return NONE_VAL;
}

static Value r_random(int nargs, Value *args, const KwArgs *kw) {
    (void)args;
    if (arg_no_kwargs("Random.random", kw) < 0) return VAL_ERROR;
    if (nargs) return exc_raise(exc_TypeError, "Random.random() takes no arguments (%d given)", nargs);
    return FLOAT_VAL(rand01());
}

static Value r_getrandbits(int nargs, Value *args, const KwArgs *kw) {
    int64_t k;
    if (arg_no_kwargs("Random.getrandbits", kw) < 0 ||
        arg_check_count("Random.getrandbits", nargs, 1, 1) < 0 || index_require(args[0], &k) < 0)
        return VAL_ERROR;
    if (k < 0) return exc_raise(exc_ValueError, "number of bits must be non-negative");
    if (k > 63) return exc_raise(exc_class_for_kind(ERR_OVERFLOW), "integer overflow (tl ints are 64-bit)");
    if (k == 0) return INT_VAL(0);
    return INT_VAL((int64_t)(gen_next_u64(rng()) >> (64 - k)));
}

static Value randrange(Value start, Value stop, Value step) {
    int64_t istart, istop, istep = 1;
    if (range_int(start, "arg 1", &istart) < 0) return VAL_ERROR;
    if (IS_UNDEF(stop) || IS_NONE(stop)) {
        if (istart > 0) return INT_VAL((int64_t)rand_below((uint64_t)istart));
        return exc_raise(exc_ValueError, "empty range for randrange()");
    }
    if (range_int(stop, "stop", &istop) < 0) return VAL_ERROR;
    if (!IS_UNDEF(step) && range_int(step, "step", &istep) < 0) return VAL_ERROR;
    __int128 width = (__int128)istop - istart;
    if (istep == 1) {
        if (width > 0) return INT_VAL((int64_t)(istart + (__int128)rand_below((uint64_t)width)));
        return exc_raise(exc_ValueError, "empty range for randrange() (%lld, %lld, %lld)", (long long)istart,
                         (long long)istop, (long long)width);
    }
    if (istep == 0) return exc_raise(exc_ValueError, "zero step for randrange()");
    __int128 n = istep > 0 ? (width + istep - 1) / istep : (width + istep + 1) / istep;
    if (n <= 0) return exc_raise(exc_ValueError, "empty range for randrange()");
    return INT_VAL((int64_t)(istart + (__int128)istep * rand_below((uint64_t)n)));
}

static Value r_randrange(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"start", "stop", "step"};
    Value a[3];
    if (py_args("randrange", nargs, args, kw, names, 3, 1, 3, a) < 0) return VAL_ERROR;
    return randrange(a[0], a[1], a[2]);
}

static Value r_randint(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"a", "b"};
    Value a[2];
    if (py_args("randint", nargs, args, kw, names, 2, 2, 2, a) < 0) return VAL_ERROR;
    int64_t hi;
    if (range_int(a[1], "stop", &hi) < 0) return VAL_ERROR;
    if (hi == INT64_MAX) return exc_raise(exc_class_for_kind(ERR_OVERFLOW), "integer overflow (tl ints are 64-bit)");
    return randrange(a[0], INT_VAL(hi + 1), VAL_UNDEFINED);
}

static Value r_uniform(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"a", "b"};
    Value a[2];
    double lo, hi;
    if (py_args("uniform", nargs, args, kw, names, 2, 2, 2, a) < 0 || real_arg(a[0], &lo) < 0 ||
        real_arg(a[1], &hi) < 0)
        return VAL_ERROR;
    return FLOAT_VAL(lo + (hi - lo) * rand01());
}

// mu, sigma with defaults 0.0 and 1.0.
static int mu_sigma(const char *fname, int nargs, Value *args, const KwArgs *kw, double *mu, double *sigma) {
    static const char *const names[] = {"mu", "sigma"};
    Value a[2];
    *mu = 0.0;
    *sigma = 1.0;
    if (py_args(fname, nargs, args, kw, names, 2, 0, 2, a) < 0) return -1;
    if (!IS_UNDEF(a[0]) && real_arg(a[0], mu) < 0) return -1;
    if (!IS_UNDEF(a[1]) && real_arg(a[1], sigma) < 0) return -1;
    return 0;
}

// Box-Muller, keeping the second value of each pair for the next call.
static Value r_gauss(int nargs, Value *args, const KwArgs *kw) {
    double mu, sigma;
    if (mu_sigma("gauss", nargs, args, kw, &mu, &sigma) < 0) return VAL_ERROR;
    double z;
    if (has_gauss_next) {
        z = gauss_next;
        has_gauss_next = false;
    } else {
        double x2pi = rand01() * 2.0 * M_PI;
        double g2rad = sqrt(-2.0 * log(1.0 - rand01()));
        z = cos(x2pi) * g2rad;
        gauss_next = sin(x2pi) * g2rad;
        has_gauss_next = true;
    }
    return FLOAT_VAL(mu + z * sigma);
}

// Kinderman and Monahan's ratio-of-uniforms method.
static Value r_normalvariate(int nargs, Value *args, const KwArgs *kw) {
    double mu, sigma;
    if (mu_sigma("normalvariate", nargs, args, kw, &mu, &sigma) < 0) return VAL_ERROR;
    const double magic = 4 * exp(-0.5) / sqrt(2.0);
    double z;
    for (;;) {
        double u1 = rand01(), u2 = 1.0 - rand01();
        z = magic * (u1 - 0.5) / u2;
        if (z * z / 4.0 <= -log(u2)) break;
    }
    return FLOAT_VAL(mu + z * sigma);
}

static Value r_expovariate(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"lambd"};
    Value a[1];
    double lambd;
    if (py_args("expovariate", nargs, args, kw, names, 1, 1, 1, a) < 0 || real_arg(a[0], &lambd) < 0)
        return VAL_ERROR;
    if (lambd == 0.0) return exc_raise(exc_class_for_kind(ERR_ZERO_DIVISION), "float division by zero");
    return FLOAT_VAL(-log(1.0 - rand01()) / lambd);
}

static Value r_triangular(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"low", "high", "mode"};
    Value a[3];
    double low = 0.0, high = 1.0, c = 0.5;
    if (py_args("triangular", nargs, args, kw, names, 3, 0, 3, a) < 0) return VAL_ERROR;
    if ((!IS_UNDEF(a[0]) && real_arg(a[0], &low) < 0) || (!IS_UNDEF(a[1]) && real_arg(a[1], &high) < 0))
        return VAL_ERROR;
    double u = rand01();
    if (!IS_UNDEF(a[2]) && !IS_NONE(a[2])) {
        double mode;
        if (real_arg(a[2], &mode) < 0) return VAL_ERROR;
        if (high == low) return FLOAT_VAL(low);
        c = (mode - low) / (high - low);
    }
    if (u > c) {
        u = 1.0 - u;
        c = 1.0 - c;
        double t = low;
        low = high;
        high = t;
    }
    return FLOAT_VAL(low + (high - low) * sqrt(u * c));
}

// ------------------------------------------------------------ sequences

static Value r_choice(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"seq"};
    Value a[1];
    if (py_args("choice", nargs, args, kw, names, 1, 1, 1, a) < 0) return VAL_ERROR;
    int64_t n = val_len(a[0]);
    if (n < 0) return VAL_ERROR;
    if (n == 0) return exc_raise(exc_IndexError, "Cannot choose from an empty sequence");
    return val_getitem(a[0], INT_VAL((int64_t)rand_below((uint64_t)n)));
}

static Value r_shuffle(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"x"};
    Value a[1];
    if (py_args("shuffle", nargs, args, kw, names, 1, 1, 1, a) < 0) return VAL_ERROR;
    Value x = a[0];
    int64_t n = val_len(x);
    if (n < 0) return VAL_ERROR;
    for (int64_t i = n - 1; i > 0; i--) {
        int64_t j = (int64_t)rand_below((uint64_t)i + 1);
        if (val_is_list(x) && AS_LIST(x)->len == n) {
            Value *items = AS_LIST(x)->items;
            Value t = items[i];
            items[i] = items[j];
            items[j] = t;
            continue;
        }
        Value xi = val_getitem(x, INT_VAL(i));
        if (IS_ERR(xi)) return xi;
        Value xj = val_getitem(x, INT_VAL(j));
        int rc = IS_ERR(xj) ? -1 : val_setitem(x, INT_VAL(i), xj);
        if (rc == 0) rc = val_setitem(x, INT_VAL(j), xi);
        val_decref(xi);
        val_decref(xj);
        if (rc < 0) return VAL_ERROR;
    }
    return NONE_VAL;
}

// Index of the first cumulative weight > [x] in cum[0..hi] (bisect_right).
static int64_t bisect_right(const double *cum, double x, int64_t hi) {
    int64_t lo = 0;
    while (lo < hi) {
        int64_t mid = (lo + hi) / 2;
        if (x < cum[mid]) hi = mid;
        else lo = mid + 1;
    }
    return lo;
}

// The cumulative weights as doubles (running sums of [weights] if not [cumulative]).
static double *cumulative(Value weights, bool cumulative, int64_t *n) {
    ObjList *l = list_from_iterable(weights);
    if (!l) return NULL;
    double *cum = malloc(sizeof(double) * (size_t)(l->len ? l->len : 1));
    double acc = 0.0;
    *n = l->len;
    for (int64_t i = 0; cum && i < l->len; i++) {
        double w;
        if (real_arg(l->items[i], &w) < 0) {
            free(cum);
            cum = NULL;
            break;
        }
        acc = cumulative ? w : acc + w;
        cum[i] = acc;
    }
    if (!cum && !tl_error_pending()) exc_raise(exc_class_for_kind(ERR_MEMORY), "%s", "");
    obj_decref(l);
    return cum;
}

static Value r_choices(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"population", "weights", "cum_weights", "k"};
    Value a[4];
    if (py_args("choices", nargs, args, kw, names, 2, 1, 4, a) < 0) return VAL_ERROR;
    int64_t k = 1;
    if (!IS_UNDEF(a[3]) && index_require(a[3], &k) < 0) return VAL_ERROR;
    int64_t n = val_len(a[0]);
    if (n < 0) return VAL_ERROR;
    bool has_w = !IS_UNDEF(a[1]) && !IS_NONE(a[1]), has_cum = !IS_UNDEF(a[2]) && !IS_NONE(a[2]);
    if (has_w && has_cum) return exc_raise(exc_TypeError, "Cannot specify both weights and cumulative weights");
    double *cum = NULL;
    double total = 0.0;
    if (has_w || has_cum) {
        int64_t nw;
        cum = cumulative(has_cum ? a[2] : a[1], has_cum, &nw);
        if (!cum) return VAL_ERROR;
        Value err = VAL_UNDEFINED;
        if (nw != n) err = exc_raise(exc_ValueError, "The number of weights does not match the population");
        else if (n == 0) err = exc_raise(exc_IndexError, "list index out of range");
        else if (!((total = cum[n - 1]) > 0.0)) err = exc_raise(exc_ValueError, "Total of weights must be greater than zero");
        else if (!isfinite(total)) err = exc_raise(exc_ValueError, "Total of weights must be finite");
        if (IS_ERR(err)) {
            free(cum);
            return err;
        }
    }
    ObjList *out = list_new(0);
    for (int64_t i = 0; out && i < (k > 0 ? k : 0); i++) {
        int64_t idx = cum ? bisect_right(cum, rand01() * total, n - 1) : (int64_t)floor(rand01() * (double)n);
        Value x = val_getitem(a[0], INT_VAL(idx));
        if (IS_ERR(x)) {
            obj_decref(out);
            out = NULL;
            break;
        }
        list_append_steal(out, x);
    }
    free(cum);
    return out ? OBJ_VAL(out) : VAL_ERROR;
}

static Value r_sample(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"population", "k", "counts"};
    Value a[3];
    if (py_args("sample", nargs, args, kw, names, 2, 2, 3, a) < 0) return VAL_ERROR;
    Value pop = a[0];
    if (val_is_anyset(pop) || val_isinstance(pop, &type_dict) || !val_type(pop)->getitem || !val_type(pop)->len)
        return exc_raise(exc_TypeError, "Population must be a sequence.  For dicts or sets, use sorted(d).");
    if (!IS_UNDEF(a[2]) && !IS_NONE(a[2]))
        return exc_raise(exc_class_for_kind(ERR_NOT_IMPLEMENTED), "random.sample(counts=...) is not supported by tl");
    int64_t k, n = val_len(pop);
    if (n < 0 || index_require(a[1], &k) < 0) return VAL_ERROR;
    if (k < 0 || k > n) return exc_raise(exc_ValueError, "Sample larger than population or is negative");
    int64_t *pool = malloc(sizeof(int64_t) * (size_t)(n ? n : 1));
    ObjList *out = pool ? list_new(0) : NULL;
    if (!out) {
        free(pool);
        return pool ? VAL_ERROR : exc_raise(exc_class_for_kind(ERR_MEMORY), "%s", "");
    }
    for (int64_t i = 0; i < n; i++) pool[i] = i;
    for (int64_t i = 0; i < k; i++) {
        int64_t j = (int64_t)rand_below((uint64_t)(n - i));
        Value x = val_getitem(pop, INT_VAL(pool[j]));
        if (IS_ERR(x)) {
            obj_decref(out);
            free(pool);
            return x;
        }
        list_append_steal(out, x);
        pool[j] = pool[n - i - 1];
    }
    free(pool);
    return OBJ_VAL(out);
}

// ------------------------------------------------------------ the module

static const NativeMethodDef random_functions[] = {
    {"seed", r_seed, "Initialize internal state from a seed.\n\nNone or no argument seeds from the operating system."},
    {"random", r_random, "random() -> x in the interval [0, 1)."},
    {"getrandbits", r_getrandbits, "getrandbits(k) -> x.  Generates an int with k random bits."},
    {"randrange", r_randrange, "Choose a random item from range(start, stop[, step])."},
    {"randint", r_randint, "Return random integer in range [a, b], including both end points."},
    {"uniform", r_uniform, "Get a random number in the range [a, b) or [a, b] depending on rounding."},
    {"gauss", r_gauss, "Gaussian distribution.\n\nmu is the mean, and sigma is the standard deviation."},
    {"normalvariate", r_normalvariate, "Normal distribution.\n\nmu is the mean, and sigma is the standard deviation."},
    {"expovariate", r_expovariate, "Exponential distribution.\n\nlambd is 1.0 divided by the desired mean."},
    {"triangular", r_triangular, "Triangular distribution."},
    {"choice", r_choice, "Choose a random element from a non-empty sequence."},
    {"choices", r_choices, "Return a k sized list of population elements chosen with replacement."},
    {"shuffle", r_shuffle, "Shuffle list x in place, and return None."},
    {"sample", r_sample, "Chooses k unique random elements from a population sequence."},
    {NULL, NULL, NULL},
};

ObjModule *lib_random_init(void) {
    ObjModule *m = module_new("random");
    if (!m) return NULL;
    module_add_value(m, "__doc__", str_value("Random variable generators."));
    lib_module_add_functions(m, random_functions);
    return m;
}
