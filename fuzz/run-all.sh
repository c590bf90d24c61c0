#!/usr/bin/env bash
# Run every fuzz target in turn (cargo-fuzz on the nightly toolchain, AddressSanitizer), each for SECONDS (default 240).
# libFuzzer starts from the small seed set in git (fuzz/seeds/<target>/) and the working corpus of earlier runs
# (fuzz/corpus/<target>/, not in git), and writes what it finds to the working corpus. A crash or hang stops with its
# input in fuzz/artifacts/<target>/: copy it to fuzz/regressions/ once fixed (tests/robustness.rs replays that
# directory).
#   bash fuzz/run-all.sh [SECONDS] [target…]
set -uo pipefail
cd "$(dirname "$0")"
SECS=${1:-240}; shift || true
TARGETS=${*:-"datetime identifiers schema ingest_csv ingest_json ingest_xlsx ingest"}
for t in $TARGETS; do
  mkdir -p "corpus/$t"
  case $t in ingest*) len=65536 ;; schema) len=8192 ;; *) len=256 ;; esac
  echo "== $t ($SECS s)"
  cargo +nightly fuzz run "$t" "corpus/$t" "seeds/$t" -- -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 -max_len=$len -print_final_stats=1 2>&1 \
    | grep -E "^(Done|stat::|==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written|thread .* panicked|ALARM|.*deadly signal)" | head -30
  echo "exit ${PIPESTATUS[0]}"
done
