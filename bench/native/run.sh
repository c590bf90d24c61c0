#!/usr/bin/env bash
# Native calendar benchmark: tthc add_working_days_batch vs numpy busday_offset, same days off, same start dates.
#   bash bench/native/run.sh [N] [AMOUNT]     → bench/results/calendar-native.json
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-10000000}; AMOUNT=${2:-10}
TMP=$(mktemp -d)
python3 -c 'import numpy' 2>/dev/null || python3 -m pip install --quiet numpy
tthc=$(cargo run --quiet --release --manifest-path bench/native/Cargo.toml -- "$N" "$AMOUNT" "$TMP")
np=$(python3 bench/native/numpy_busday.py --days-off "$TMP/days-off.txt" --worked-weekend "$TMP/worked-weekend.txt" --n "$N" --amount "$AMOUNT" --check "$TMP/tthc-first.txt")
mkdir -p bench/results
printf '{"command":"bash bench/native/run.sh %s %s","cpu":"%s","tthc":%s,"numpy":%s}\n' "$N" "$AMOUNT" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" "$tthc" "$np" > bench/results/calendar-native.json
cat bench/results/calendar-native.json
rm -rf "$TMP"
