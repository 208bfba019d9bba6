# minipy build.  `make` builds the libraries, the CLI build/minipy and the
# embedding examples; `make test` builds and runs every test; `make help`
# lists the targets.
#
# Every .c under alloc/ objects/ gc/ runtime/ goes into the library (except
# runtime/main.c, the CLI).  Every tests/<area>/test_*.c is one cmocka binary.
# Variant builds (asan, debug) live in their own build directory, so switching
# between them never mixes object files.

CC       ?= gcc
BUILD    ?= build
OPT      ?= -O2
EXTRA_CFLAGS ?=
EXTRA_LDFLAGS ?=
PREFIX   ?= /usr/local

CFLAGS_COMMON = -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -g $(OPT) \
                -fPIC -fvisibility=hidden -I. -Iinclude $(EXTRA_CFLAGS)
LIB_CFLAGS    = $(CFLAGS_COMMON) -DMP_BUILD_CORE
TEST_CFLAGS   = $(CFLAGS_COMMON) -DMP_BUILD_CORE
LDLIBS        = -lm

LIB_SRCS  = $(filter-out runtime/main.c,$(wildcard alloc/*.c objects/*.c gc/*.c runtime/*.c))
LIB_OBJS  = $(LIB_SRCS:%.c=$(BUILD)/obj/%.o)
TEST_SRCS = $(wildcard tests/*/test_*.c)
TEST_BINS = $(TEST_SRCS:%.c=$(BUILD)/%)
TEST_SUPPORT = $(wildcard tests/support/*.c)
CLI_SRC   = $(wildcard runtime/main.c)
CLI_BIN   = $(if $(CLI_SRC),$(BUILD)/minipy)
EXAMPLE_SRCS = $(wildcard examples/embed_*.c)
EXAMPLE_BINS = $(EXAMPLE_SRCS:%.c=$(BUILD)/%)

.PHONY: all lib test test-bins unit-test check-deps asan valgrind debug \
        bench bench-deps bench-interp install clean help examples \
        program-test debugmalloc-test fuzz fuzz-bins fuzz-replay oom

all: lib $(CLI_BIN) examples

lib: $(BUILD)/libminipy.a $(BUILD)/libminipy.so

help:
	@echo "make            build build/libminipy.a, build/libminipy.so (and the CLI)"
	@echo "make test       build and run every test"
	@echo "make program-test  run the Python programs against CPython's results"
	@echo "make debugmalloc-test  the programs with MINIPYMALLOC=debug"
	@echo "make asan       run the tests under AddressSanitizer + UBSan"
	@echo "make valgrind   run the tests under valgrind memcheck"
	@echo "make debug      run the tests with MP_DEBUG checks and sanitizers"
	@echo "make bench      run the benchmarks (never part of make test)"
	@echo "make bench-interp  only the interpreter programs against CPython"
	@echo "make fuzz FUZZ_SECONDS=60  run the libFuzzer targets (clang)"
	@echo "make oom        fail every allocation of a set of programs in turn"
	@echo "make install PREFIX=/usr/local"

# ---- Dependencies: installed with apt-get when root, else one clear line ----
check-deps:
	@./tools/ensure-deps.sh libcmocka-dev:/usr/include/cmocka.h \
	    libedit-dev:/usr/include/editline/readline.h

$(BUILD)/obj/%.o: %.c | check-deps
	@mkdir -p $(dir $@)
	$(CC) $(LIB_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/libminipy.a: $(LIB_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/libminipy.so: $(LIB_OBJS)
	$(CC) -shared -o $@ $^ $(EXTRA_LDFLAGS) $(LDLIBS)

# The CLI (only the CLI) uses libedit for line editing in the REPL.
LIBEDIT_FLAGS = $(if $(wildcard /usr/include/editline/readline.h),\
                     -DMP_HAVE_LIBEDIT)
LIBEDIT_LIBS  = $(if $(LIBEDIT_FLAGS),-ledit)

$(BUILD)/minipy: runtime/main.c $(BUILD)/libminipy.a
	$(CC) $(LIB_CFLAGS) $(LIBEDIT_FLAGS) -o $@ $< $(BUILD)/libminipy.a \
	    $(EXTRA_LDFLAGS) $(LIBEDIT_LIBS) $(LDLIBS)

examples: $(EXAMPLE_BINS)

$(BUILD)/examples/%: examples/%.c $(BUILD)/libminipy.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) -o $@ $< $(BUILD)/libminipy.a $(EXTRA_LDFLAGS) $(LDLIBS)

$(BUILD)/tests/%: tests/%.c $(TEST_SUPPORT) $(BUILD)/libminipy.a
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) -Itests -o $@ $< $(TEST_SUPPORT) \
	    $(BUILD)/libminipy.a $(EXTRA_LDFLAGS) -lcmocka $(LDLIBS)

# ---- Tests ----
# The cmocka unit tests, then the Python programs compared with CPython
# 3.11 (tests/programs), then the programs of the mem module (tests/mem),
# then the examples and their recorded output.
test: all $(TEST_BINS)
	@./tools/run-tests.sh $(TEST_BINS)
	@MINIPY=$(BUILD)/minipy ./tools/run-program-tests.sh
	@MINIPY=$(BUILD)/minipy ./tools/run-mem-tests.sh
	@MINIPY=$(BUILD)/minipy EXAMPLES_BUILD=$(BUILD) ./tools/check-examples.sh
	@$(MAKE) --no-print-directory fuzz-replay

program-test: $(CLI_BIN)
	@MINIPY=$(BUILD)/minipy ./tools/run-program-tests.sh

# Every program again with the allocator's debug checks (guard bytes,
# fills, double-free detection).
debugmalloc-test: $(CLI_BIN)
	@MINIPYMALLOC=debug MINIPY=$(BUILD)/minipy ./tools/run-program-tests.sh

# Test binaries only (the variant targets below run them their own way).
test-bins: $(TEST_BINS)

# ---- Checking variants: each builds in its own directory ----
SAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer \
            -fno-sanitize-recover=all

# The tests with the allocator in malloc mode (so ASan sees every object),
# then in its default mode.
asan:
	MINIPYMALLOC=malloc $(MAKE) BUILD=$(BUILD)/asan OPT=-O1 \
	    EXTRA_CFLAGS="$(SAN_FLAGS)" EXTRA_LDFLAGS="$(SAN_FLAGS)" test
	$(MAKE) BUILD=$(BUILD)/asan OPT=-O1 EXTRA_CFLAGS="$(SAN_FLAGS)" \
	    EXTRA_LDFLAGS="$(SAN_FLAGS)" test

# Every test binary under memcheck, in malloc mode so that every object is
# a malloc block valgrind tracks.  Tests see MP_TEST_VALGRIND=1 and may
# shorten long loops or skip what cannot run under valgrind.
VALGRIND = valgrind -q --error-exitcode=1 --leak-check=full \
           --show-leak-kinds=all --errors-for-leak-kinds=all \
           --child-silent-after-fork=yes
# The programs of VALGRIND_PROGRAMS run under it too, and the mem module's
# programs (tests/mem, with the default allocator their outputs show).
VALGRIND_PROGRAMS = tests/programs/lifetime tests/programs/cycles \
                    tests/programs/classes tests/programs/exceptions \
                    tests/programs/generators tests/programs/closures
valgrind: test-bins $(CLI_BIN)
	@./tools/ensure-deps.sh valgrind:/usr/bin/valgrind
	@MINIPYMALLOC=malloc MP_TEST_VALGRIND=1 TEST_WRAPPER="$(VALGRIND)" \
	    ./tools/run-tests.sh $(TEST_BINS)
	@MINIPYMALLOC=malloc MINIPY=$(BUILD)/minipy \
	    PROGRAM_WRAPPER="$(VALGRIND)" \
	    ./tools/run-program-tests.sh $(VALGRIND_PROGRAMS)
	@MINIPY=$(BUILD)/minipy MEM_TEST_WRAPPER="$(VALGRIND)" \
	    ./tools/run-mem-tests.sh

# MP_DEBUG checks (asserts and internal walkers) at -O0 with sanitizers.
debug:
	$(MAKE) BUILD=$(BUILD)/debug OPT=-O0 \
	    EXTRA_CFLAGS="-DMP_DEBUG $(SAN_FLAGS)" \
	    EXTRA_LDFLAGS="$(SAN_FLAGS)" test

# ---- Benchmarks (never part of make test) ----
# Each bench/<name>.c is one program, linked with the library and with
# libpython3.11 (the benchmarks compare against CPython).  bench_alloc has
# its own rule: it links only the allocator, plus a second copy of it built
# with MP_ALLOC_CPYTHON311 whose global names get the prefix c311_, plus
# mimalloc when its header is installed.
BENCH_SRCS = $(wildcard bench/*.c)
BENCH_BINS = $(BENCH_SRCS:%.c=$(BUILD)/%)
ALLOC_SRCS = $(wildcard alloc/*.c)
BENCH_311_OBJS = $(ALLOC_SRCS:%.c=$(BUILD)/bench/c311/%.o)
LIBPYTHON = /usr/lib/$(shell $(CC) -print-multiarch)/libpython3.11.so
MIMALLOC_FLAGS = $(if $(wildcard /usr/include/mimalloc.h),\
                      -DHAVE_MIMALLOC -lmimalloc)

bench-deps:
	@./tools/ensure-deps.sh libpython3.11-dev:$(LIBPYTHON)

$(BUILD)/bench/%: bench/%.c $(BUILD)/libminipy.a | bench-deps
	@mkdir -p $(dir $@)
	$(CC) -O2 -g -I. -Iinclude -I/usr/include/python3.11 -o $@ $< \
	    $(BUILD)/libminipy.a -lpython3.11 $(LDLIBS)

$(BUILD)/bench/c311/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(LIB_CFLAGS) -DMP_ALLOC_CPYTHON311 -c $< -o $@

$(BUILD)/bench/alloc311.o: $(BENCH_311_OBJS)
	ld -r -o $@.tmp $^
	objcopy --localize-hidden $@.tmp
	nm -g --defined-only $@.tmp | awk '{print $$3 " c311_" $$3}' \
	    > $@.syms
	objcopy --redefine-syms=$@.syms $@.tmp $@
	rm -f $@.tmp $@.syms

$(BUILD)/bench/bench_alloc: bench/bench_alloc.c \
        $(ALLOC_SRCS:%.c=$(BUILD)/obj/%.o) $(BUILD)/bench/alloc311.o \
        | bench-deps
	@mkdir -p $(dir $@)
	$(CC) -O2 -g -I. -Iinclude -o $@ $^ $(MIMALLOC_FLAGS) -lpython3.11 \
	    $(LDLIBS)

# The C benchmarks, then the programs of bench/programs under minipy and
# /usr/bin/python3.11, alternating (tools/bench-interp.sh).
bench: $(BENCH_BINS) bench-interp
	@for b in $(BENCH_BINS); do echo "== $$b"; $$b || exit 1; done

bench-interp: $(CLI_BIN)
	@MINIPY=$(BUILD)/minipy ./tools/bench-interp.sh

# ---- Fuzzing (clang's libFuzzer; only the replay is part of make test) ----
# Each tests/fuzz/fuzz_<name>.c is one target, linked with a library built
# by clang with ASan + UBSan in $(BUILD)/fuzz.  The corpus of each target
# lives in $(BUILD)/fuzz/corpus_<name>, seeded as tools/fuzz-inputs.sh
# lists (tests/fuzz/seeds_<name> or tests/programs, after the inputs that
# once failed, tests/fuzz/regress_<name>, which must pass first); inputs
# that crash are written to $(BUILD)/fuzz/ as crash-*.
FUZZ_SECONDS ?= 60
FUZZ_SRCS = $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BINS = $(FUZZ_SRCS:tests/fuzz/%.c=$(BUILD)/fuzz/%)
FUZZ_CFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer \
              -fno-sanitize-recover=all
LIBFUZZER = /usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a

fuzz:
	@./tools/ensure-deps.sh clang:/usr/bin/clang libclang-rt-14-dev:$(LIBFUZZER)
	$(MAKE) CC=clang BUILD=$(BUILD)/fuzz OPT=-O1 \
	    EXTRA_CFLAGS="-fsanitize=fuzzer-no-link $(FUZZ_CFLAGS)" \
	    $(BUILD)/fuzz/libminipy.a fuzz-bins
	@for b in $(FUZZ_BINS); do \
	    name=$${b##*/fuzz_}; corpus=$(BUILD)/fuzz/corpus_$$name; \
	    mkdir -p $$corpus; \
	    echo "== $$b ($(FUZZ_SECONDS) s)"; \
	    $$b -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	        -artifact_prefix=$(BUILD)/fuzz/ -print_final_stats=1 \
	        $$corpus $$(./tools/fuzz-inputs.sh $$name) || exit 1; \
	done

# Used by 'fuzz' with BUILD pointing into the fuzz directory.
fuzz-bins: $(FUZZ_SRCS:tests/fuzz/%.c=$(BUILD)/%)

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(BUILD)/libminipy.a
	$(CC) $(LIB_CFLAGS) -fsanitize=fuzzer -o $@ $< $(BUILD)/libminipy.a \
	    $(EXTRA_LDFLAGS) $(FUZZ_CFLAGS) $(LDLIBS)

# The same targets with a plain main (tests/fuzz/replay.c) that runs each
# seed and each input that once failed once: part of make test.
FUZZ_REPLAY_BINS = $(FUZZ_SRCS:tests/fuzz/%.c=$(BUILD)/fuzz-replay/%)

fuzz-replay: $(FUZZ_REPLAY_BINS)
	@for b in $(FUZZ_REPLAY_BINS); do \
	    $$b $$(./tools/fuzz-inputs.sh $${b##*/fuzz_}) || exit 1; \
	done

$(BUILD)/fuzz-replay/%: tests/fuzz/%.c tests/fuzz/replay.c \
        $(BUILD)/libminipy.a
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) -o $@ $< tests/fuzz/replay.c $(BUILD)/libminipy.a \
	    $(EXTRA_LDFLAGS) $(LDLIBS)

# ---- Out-of-memory injection (tests/oom; never part of make test) ----
# oom_run, built with ASan + UBSan in $(BUILD)/asan (the library of 'make
# asan'), fails each allocation of each program of tests/oom/programs and
# of each C scenario in turn (tools/run-oom.sh runs them OOM_JOBS at a time and adds up); then a
# sample again with oom_run built plainly, under valgrind.
OOM_SRCS = tests/oom/oom_run.c tests/oom/oom_scenarios.c
OOM_JOBS ?= 2
OOM_VALGRIND_SAMPLE = tests/programs/errors/uncaught_from.py \
                      tests/programs/generators/gen_finally.py

oom: $(BUILD)/oom_run
	$(MAKE) BUILD=$(BUILD)/asan OPT=-O1 EXTRA_CFLAGS="$(SAN_FLAGS)" \
	    EXTRA_LDFLAGS="$(SAN_FLAGS)" $(BUILD)/asan/oom_run
	@OOM_RUN=$(BUILD)/asan/oom_run OOM_JOBS=$(OOM_JOBS) ./tools/run-oom.sh
	@./tools/ensure-deps.sh valgrind:/usr/bin/valgrind
	@echo "== valgrind: $(OOM_VALGRIND_SAMPLE) and scenario exceptions"
	@MINIPYMALLOC=malloc $(VALGRIND) $(BUILD)/oom_run -t 120 \
	    $(OOM_VALGRIND_SAMPLE)
	@MINIPYMALLOC=malloc $(VALGRIND) $(BUILD)/oom_run -t 120 -s exceptions

$(BUILD)/oom_run: $(OOM_SRCS) tests/oom/oom_scenarios.h $(BUILD)/libminipy.a
	$(CC) $(TEST_CFLAGS) -o $@ $(OOM_SRCS) $(BUILD)/libminipy.a \
	    $(EXTRA_LDFLAGS) $(LDLIBS)

# ---- Install ----
install: lib
	install -d $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include \
	    $(DESTDIR)$(PREFIX)/lib/pkgconfig
	install -m 644 $(BUILD)/libminipy.a $(DESTDIR)$(PREFIX)/lib/
	install -m 755 $(BUILD)/libminipy.so $(DESTDIR)$(PREFIX)/lib/
	install -m 644 include/minipy.h $(DESTDIR)$(PREFIX)/include/
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' \
	    tools/minipy.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/minipy.pc

VERSION = $(shell sed -n 's/^\#define MINIPY_VERSION "\(.*\)"/\1/p' \
                  include/minipy.h)

clean:
	rm -rf $(BUILD)

-include $(LIB_OBJS:.o=.d)
