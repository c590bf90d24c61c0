#!/usr/bin/env bash
# The release-profile choice (foundation issue): build the wasm package with opt-level 3, "s" and "z" (same wasm-opt
# flags as the project's [package.metadata.wasm-pack.profile.release]), then report gzip size of tthc_bg.wasm + tthc.js
# and a speed probe (bench/probe.mjs) for each (bash bench/profiles.sh [levels…], default 3 s z; level 3 reuses pkg/). Cargo.toml is not modified: the level comes from
# CARGO_PROFILE_RELEASE_OPT_LEVEL. Output: bench/results/profiles.json. Takes ~10 min on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
OUT=bench/results/profiles.json
TMP=${TMPDIR:-/tmp}/tthc-profiles
mkdir -p "$TMP" bench/results
echo "[" > "$OUT.tmp"
first=1
LEVELS=${*:-3 s z}
for level in $LEVELS; do
  dir="$TMP/pkg-$level"
  echo "== opt-level $level" >&2
  if [ "$level" = 3 ] && [ -f pkg/tthc_bg.wasm ] && grep -q '^opt-level = 3' Cargo.toml; then
    dir=pkg   # the project's own build is the opt-level 3 one
  else
  CARGO_PROFILE_RELEASE_OPT_LEVEL=$level CARGO_TARGET_DIR="$TMP/target" \
    wasm-pack build --target web --out-dir "$dir" --release >/dev/null 2>"$TMP/build-$level.log" || { cat "$TMP/build-$level.log" >&2; exit 1; }
  fi
  size=$(node -e "const fs=require('fs'),z=require('zlib');let g=0,r=0;for(const f of ['tthc_bg.wasm','tthc.js']){const b=fs.readFileSync('$dir/'+f);r+=b.length;g+=z.gzipSync(b,{level:9}).length}console.log(JSON.stringify({rawBytes:r,gzipBytes:g}))")
  probe=$(node bench/probe.mjs --pkg "$dir")
  [ $first = 1 ] || echo "," >> "$OUT.tmp"; first=0
  echo "{\"optLevel\":\"$level\",\"size\":$size,\"probe\":$probe}" >> "$OUT.tmp"
  echo "opt-level $level: $size $probe" >&2
done
echo "]" >> "$OUT.tmp"
mv "$OUT.tmp" "$OUT"
cat "$OUT"
