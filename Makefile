# tl: one Makefile. `make` builds ./tl; `make test` installs missing Debian
# packages, builds, and runs every test (normal and sanitizer builds);
# `make run` builds and opens the REPL; `make bench` measures speed.
CC      ?= gcc
OPT     ?= -O2
WARN     = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CFLAGS  += -std=c11 $(OPT) -g $(WARN) -ffp-contract=off -D_GNU_SOURCE -Isrc -fopenmp -MMD -MP
LDLIBS  += -ldl -lm -fopenmp   # OpenBLAS is loaded on first use (src/tensor/blas.c)

SRC      := $(shell find src -name '*.c' | sort)
LIB_SRC  := $(filter-out src/repl/%,$(SRC))
# Library code written in tl (src/lib/*.tl: torch.nn, torch.optim) is
# embedded as C strings generated under build/gen/ (scripts/embed_tl.sh).
TL_SRC   := $(sort $(wildcard src/lib/*.tl))
GEN_C    := $(TL_SRC:src/%.tl=build/gen/%.tl.c)
.SECONDARY: $(GEN_C)
OBJ      := $(SRC:%.c=build/%.o) $(GEN_C:.c=.o)
LIB_OBJ  := $(LIB_SRC:%.c=build/%.o) $(GEN_C:.c=.o)
ASAN_OBJ := $(SRC:%.c=build/asan/%.o) $(GEN_C:build/%.c=build/asan/%.o)
ASAN_LIB_OBJ := $(LIB_SRC:%.c=build/asan/%.o) $(GEN_C:build/%.c=build/asan/%.o)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=build/tests/%)
UNIT_ASAN_BIN := $(UNIT_SRC:tests/unit/%.c=build/asan/tests/%)
SAN      := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

.PHONY: all run test asan unit bench clean deps
all: tl

# `make V=1` shows the full command lines.
Q := $(if $(V),,@)

tl: $(OBJ)
	@echo "LINK $@"
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

build/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "CC   $<")
	$(Q)$(CC) $(CFLAGS) -c $< -o $@

build/gen/%.tl.c: src/%.tl scripts/embed_tl.sh
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "GEN  $@")
	$(Q)scripts/embed_tl.sh $< > $@

build/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "CC   $<")
	$(Q)$(CC) $(CFLAGS) -c $< -o $@

build/asan/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "CC   $< (asan)")
	$(Q)$(CC) $(CFLAGS) -O1 $(SAN) -c $< -o $@

build/asan/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "CC   $< (asan)")
	$(Q)$(CC) $(CFLAGS) -O1 $(SAN) -c $< -o $@

tl-asan: $(ASAN_OBJ)
	@echo "LINK $@"
	$(Q)$(CC) $(CFLAGS) -O1 $(SAN) -o $@ $^ $(LDLIBS)

build/tests/%: tests/unit/%.c $(LIB_OBJ)
	@mkdir -p $(dir $@)
	@echo "LINK $@"
	$(Q)$(CC) $(CFLAGS) -Itests/unit -o $@ $^ $(LDLIBS)

build/asan/tests/%: tests/unit/%.c $(ASAN_LIB_OBJ)
	@mkdir -p $(dir $@)
	@echo "LINK $@"
	$(Q)$(CC) $(CFLAGS) -O1 $(SAN) -Itests/unit -o $@ $^ $(LDLIBS)

unit: $(UNIT_BIN) $(UNIT_ASAN_BIN)
asan: tl-asan

deps:
	@scripts/deps.sh

run: deps tl
	./tl

test: deps
	@$(MAKE) --no-print-directory tl tl-asan unit
	@scripts/run_tests.sh

# C benchmarks: kernels against a STREAM-like triad and mm against cblas_sgemm.
build/bench_%: bench/bench_%.c $(LIB_OBJ)
	@mkdir -p $(dir $@)
	@echo "LINK $@"
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS) -lopenblas

bench: deps tl build/bench_tensor build/bench_linalg
	@scripts/bench.sh

clean:
	rm -rf build tl tl-asan

-include $(OBJ:.o=.d) $(ASAN_OBJ:.o=.d)
