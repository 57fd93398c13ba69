#!/bin/sh
# Runs every test of tl in the normal and sanitizer builds and ends with
# one line "N passed, N failed" summing all suites.
#   unit      tests/unit/test_*.c (C unit tests, each its own program)
#   golden    tests/golden/<area>/*.py with expected output (conformance format)
#   repl      tests/repl/*.sh (REPL sessions)
#   lang      ../shared/conformance/lang (CPython 3.11 output)
#   torch     ../shared/conformance, every case (core, rng, autograd, nn, numpy, cuda)
cd "$(dirname "$0")/.." || exit 1
root=$(pwd)
shared=$root/../shared
total_pass=0
total_fail=0
log=$(mktemp)

count() {   # parses the "N passed, N failed" line of a suite's output
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
    p=$(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')
    f=$(echo "$line" | sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/')
    if [ -z "$line" ]; then p=0; f=1; echo "  (no summary line: crashed?)"; tail -5 "$log"; fi
    total_pass=$((total_pass + p))
    total_fail=$((total_fail + f))
    echo "  $1: $line"
    grep -E '^FAIL|CHECK.*failed|ERROR' "$log" | head -20
}

run_unit() {   # $1: build dir (build or build/asan)
    for t in "$1"/tests/test_*; do
        [ -x "$t" ] || continue
        "$t" >"$log" 2>&1
        count "unit $(basename "$t") [$2]"
    done
}

run_conformance() {   # $1 binary, $2 label
    bin=$1
    for d in tests/golden/*/; do
        [ -d "$d" ] || continue
        python3 "$shared/conformance/runner.py" --cases "$d" "$bin" >"$log" 2>&1
        count "golden $(basename "$d") [$2]"
    done
    if [ -d "$shared/conformance/lang" ]; then
        "$shared/conformance/lang/run.sh" "$bin" >"$log" 2>&1
        count "conformance lang [$2]"
    fi
    if [ -d "$shared/conformance/cases" ]; then
        "$shared/conformance/run.sh" "$bin" >"$log" 2>&1
        count "conformance (all tags) [$2]"
    fi
}

run_repl() {   # $1 binary
    for t in tests/repl/*.sh; do
        [ -f "$t" ] || continue
        TL="$root/$1" sh "$t" >"$log" 2>&1
        count "repl $(basename "$t") [$1]"
    done
}

# A small quarantine keeps RSS meaningful for the tests that check memory stays
# flat (training_memory_flat); LeakSanitizer still checks every exit.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:quarantine_size_mb=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
echo "== normal build"
run_unit build normal
run_conformance ./tl normal
run_repl tl
echo "== sanitizer build (address, undefined, leaks)"
run_unit build/asan asan
run_conformance ./tl-asan asan
run_repl tl-asan
rm -f "$log"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
