#!/usr/bin/env bash
# CI's bounded fuzzing run (called by .ci/run after `make test`): builds both libFuzzer targets
# (ASan + fuzzer, release) and runs each for CI_FUZZ_SECONDS (default 30) from its committed
# seeds. Exits non-zero when a target crashes, traps, leaks or hangs (the reproducer and the
# report are in Fuzz/.build-fuzz/artifacts/<target>/ and Fuzz/.build-fuzz/<target>.log, which
# CI should keep as artifacts), or when the build fails.
#
# The corpus grown by the run is discarded with .build-fuzz, so every CI run starts from the
# same seeds: the run is bounded in time, not reproducible in inputs (libFuzzer's seed is
# printed in the log; -seed=N reproduces a run).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
status=0
FUZZ_SECONDS="${CI_FUZZ_SECONDS:-30}" Scripts/fuzz.sh fuzz-request fuzz-record || status=$?
echo "ci-fuzz: total $(( $(date +%s) - start ))s, exit $status"
exit "$status"
