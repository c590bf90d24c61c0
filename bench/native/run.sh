#!/usr/bin/env bash
# Native calendar benchmark: tthc add_working_days_batch vs numpy busday_offset, same days off, same start dates;
# and the forms benchmark's form validated by the native core (bench/results/forms-native.json).
#   bash bench/native/run.sh [N] [AMOUNT]     → bench/results/calendar-native.json
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-10000000}; AMOUNT=${2:-10}
TMP=$(mktemp -d)
mkdir -p bench/results
python3 -c 'import numpy' 2>/dev/null || python3 -m pip install --quiet numpy
cargo build --quiet --release --manifest-path bench/native/Cargo.toml
tthc=$(bench/native/target/release/calendar "$N" "$AMOUNT" "$TMP")
node bench/native/forms-spec-json.mjs "$TMP/forms.json"
forms=$(bench/native/target/release/forms "$TMP/forms.json")
echo "$forms" > bench/results/forms-native.json
np=$(python3 bench/native/numpy_busday.py --days-off "$TMP/days-off.txt" --worked-weekend "$TMP/worked-weekend.txt" --n "$N" --amount "$AMOUNT" --check "$TMP/tthc-first.txt")
printf '{"command":"bash bench/native/run.sh %s %s","cpu":"%s","tthc":%s,"numpy":%s}\n' "$N" "$AMOUNT" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" "$tthc" "$np" > bench/results/calendar-native.json
cat bench/results/calendar-native.json
rm -rf "$TMP"
