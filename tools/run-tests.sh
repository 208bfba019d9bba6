#!/bin/sh
# Runs each test binary given on the command line (optionally under the
# command in $TEST_WRAPPER, e.g. valgrind) and prints "N passed, M failed".
passed=0
failed=0
failures=""
for bin in "$@"; do
    if $TEST_WRAPPER "$bin"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        failures="$failures $bin"
    fi
done
[ -n "$failures" ] && echo "failed test binaries:$failures"
echo "test binaries: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
