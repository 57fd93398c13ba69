// The time module: wall clock, monotonic and CPU clocks, and an
// interruptible sleep (Ctrl-C raises KeyboardInterrupt mid-sleep, as in
// CPython, because the sleep runs in short slices that poll the flag).
#include <math.h>
#include <time.h>

#include "lib/std_modules.h"
#include "vm/modules.h"

static double clock_seconds(clockid_t id) {
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int64_t clock_ns(clockid_t id) {
    struct timespec ts;
    clock_gettime(id, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int no_args(const char *name, int nargs, const KwArgs *kw) {
    if (arg_no_kwargs(name, kw) < 0) return -1;
    return arg_check_count(name, nargs, 0, 0);
}

#define CLOCK_FN(NAME, ID)                                                        \
    static Value t_##NAME(int nargs, Value *args, const KwArgs *kw) {            \
        (void)args;                                                              \
        if (no_args("time." #NAME, nargs, kw) < 0) return VAL_ERROR;             \
        return FLOAT_VAL(clock_seconds(ID));                                     \
    }                                                                            \
    static Value t_##NAME##_ns(int nargs, Value *args, const KwArgs *kw) {       \
        (void)args;                                                              \
        if (no_args("time." #NAME "_ns", nargs, kw) < 0) return VAL_ERROR;       \
        return INT_VAL(clock_ns(ID));                                            \
    }

CLOCK_FN(time, CLOCK_REALTIME)
CLOCK_FN(perf_counter, CLOCK_MONOTONIC)
CLOCK_FN(monotonic, CLOCK_MONOTONIC)
CLOCK_FN(process_time, CLOCK_PROCESS_CPUTIME_ID)

static Value t_sleep(int nargs, Value *args, const KwArgs *kw) {
    if (arg_no_kwargs("time.sleep", kw) < 0 || arg_check_count("time.sleep", nargs, 1, 1) < 0) return VAL_ERROR;
    double secs;
    if (!val_to_double(args[0], &secs))
        return exc_raise(exc_TypeError, "'%s' object cannot be interpreted as an integer", val_type_name(args[0]));
    if (isnan(secs)) return exc_raise(exc_ValueError, "Invalid value NaN (not a number)");
    if (secs < 0) return exc_raise(exc_ValueError, "sleep length must be non-negative");
    double deadline = clock_seconds(CLOCK_MONOTONIC) + secs;
    for (;;) {
        if (tl_check_interrupt() < 0) return VAL_ERROR;
        double left = deadline - clock_seconds(CLOCK_MONOTONIC);
        if (left <= 0) break;
        if (left > 0.05) left = 0.05;
        struct timespec ts = {(time_t)left, (long)((left - floor(left)) * 1e9)};
        nanosleep(&ts, NULL);
    }
    return NONE_VAL;
}

// strftime(format): the current local time only (tl has no struct_time).
static Value t_strftime(int nargs, Value *args, const KwArgs *kw) {
    if (arg_no_kwargs("time.strftime", kw) < 0 || arg_check_count("strftime", nargs, 1, 1) < 0) return VAL_ERROR;
    if (!val_is_str(args[0]))
        return exc_raise(exc_TypeError, "strftime() argument 1 must be str, not %s", val_type_name(args[0]));
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    char buf[1024];
    size_t n = strftime(buf, sizeof buf, val_cstr(args[0]), &tm);
    return str_value_n(buf, (int64_t)n);
}

static const NativeMethodDef time_functions[] = {
    {"time", t_time, "Return the current time in seconds since the Epoch."},
    {"time_ns", t_time_ns, "Return the current time in nanoseconds since the Epoch."},
    {"perf_counter", t_perf_counter, "Performance counter for benchmarking."},
    {"perf_counter_ns", t_perf_counter_ns, "Performance counter for benchmarking as nanoseconds."},
    {"monotonic", t_monotonic, "Monotonic clock, cannot go backward."},
    {"monotonic_ns", t_monotonic_ns, "Monotonic clock, cannot go backward, as nanoseconds."},
    {"process_time", t_process_time, "Process time for profiling: sum of the kernel and user-space CPU time."},
    {"process_time_ns", t_process_time_ns, "Process time for profiling as nanoseconds."},
    {"sleep", t_sleep, "sleep(seconds)\n\nDelay execution for a given number of seconds.  The argument may be\n"
                       "a floating point number for subsecond precision."},
    {"strftime", t_strftime, "strftime(format) -> string\n\nConvert the current local time to a string as specified by the format."},
    {NULL, NULL, NULL},
};

ObjModule *lib_time_init(void) {
    ObjModule *m = module_new("time");
    if (!m) return NULL;
    module_add_value(m, "__doc__", str_value("This module provides various functions to manipulate time values."));
    lib_module_add_functions(m, time_functions);
    return m;
}
