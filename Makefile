# minipy build.  `make` builds the libraries (and the CLI once runtime/main.c
# exists); `make test` builds and runs every test; `make help` lists targets.
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

.PHONY: all lib test unit-test check-deps asan valgrind debug bench install \
        clean help examples

all: lib $(CLI_BIN) examples

lib: $(BUILD)/libminipy.a $(BUILD)/libminipy.so

help:
	@echo "make            build build/libminipy.a, build/libminipy.so (and the CLI)"
	@echo "make test       build and run every test"
	@echo "make asan       run the tests under AddressSanitizer + UBSan"
	@echo "make valgrind   run the tests under valgrind memcheck"
	@echo "make debug      run the tests with MP_DEBUG checks and sanitizers"
	@echo "make bench      run the benchmarks (never part of make test)"
	@echo "make install PREFIX=/usr/local"

# ---- Dependencies: installed with apt-get when root, else one clear line ----
check-deps:
	@./tools/ensure-deps.sh libcmocka-dev:/usr/include/cmocka.h \
	    uthash-dev:/usr/include/uthash.h

$(BUILD)/obj/%.o: %.c | check-deps
	@mkdir -p $(dir $@)
	$(CC) $(LIB_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/libminipy.a: $(LIB_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/libminipy.so: $(LIB_OBJS)
	$(CC) -shared -o $@ $^ $(EXTRA_LDFLAGS) $(LDLIBS)

$(BUILD)/minipy: runtime/main.c $(BUILD)/libminipy.a
	$(CC) $(LIB_CFLAGS) -o $@ $< $(BUILD)/libminipy.a $(EXTRA_LDFLAGS) $(LDLIBS)

examples: $(EXAMPLE_BINS)

$(BUILD)/examples/%: examples/%.c $(BUILD)/libminipy.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) -o $@ $< $(BUILD)/libminipy.a $(EXTRA_LDFLAGS) $(LDLIBS)

$(BUILD)/tests/%: tests/%.c $(TEST_SUPPORT) $(BUILD)/libminipy.a
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) -Itests -o $@ $< $(TEST_SUPPORT) \
	    $(BUILD)/libminipy.a $(EXTRA_LDFLAGS) -lcmocka $(LDLIBS)

# ---- Tests ----
test: all $(TEST_BINS)
	@./tools/run-tests.sh $(TEST_BINS)

-include $(LIB_OBJS:.o=.d)
