#!/usr/bin/env bash
# tthc developer commands. Every command first installs what this machine lacks (idempotently) and
# builds pkg/ (skipped when nothing changed), then:
#   ./dev.sh serve   serve the page on http://127.0.0.1:PORT (PORT printed; default 8080 or the next free one)
#   ./dev.sh test    run every test: fmt, clippy, native cargo tests, wasm-bindgen tests (Node + headless Chromium),
#                    the JS contract tests on pkg/, the packed package in bundler apps, tsc --strict on tests/ts/,
#                    the size budget, end-to-end tests of the page in Chromium
#   ./dev.sh build   only set up and build pkg/
#   ./dev.sh bench   the side-by-side benchmarks (not part of `test`; see BENCHMARKS.md)
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD

WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
BINARYEN_VERSION=132
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
export PATH="$ROOT/node_modules/.bin:$CARGO_BIN:$PATH"
export WASM_PACK_CACHE="${CARGO_HOME:-$HOME/.cargo}/wasm-pack-cache"

say() { printf '\033[1m== %s\033[0m\n' "$*" >&2; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

setup() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (once, a few minutes)"
    # Not --locked: the pinned lock file names a webpki-roots release the registry mirror lacks.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
  fi
  if ! command -v wasm-pack >/dev/null; then
    say "installing wasm-pack (once, a few minutes)"
    cargo install wasm-pack --locked || cargo install wasm-pack
  fi
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    say "installing Debian chromium + chromium-driver"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
  fi
  if [ ! -f node_modules/.stamp ] || [ package.json -nt node_modules/.stamp ] || [ package-lock.json -nt node_modules/.stamp ]; then
    say "npm ci (playwright-core, binaryen $BINARYEN_VERSION for wasm-opt)"
    if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
    touch node_modules/.stamp
  fi
  # wasm-pack runs any wasm-opt on PATH: make sure it is npm binaryen's, never Debian's 108.
  local v
  v=$(wasm-opt --version 2>/dev/null || true)
  case "$v" in
    *"version $BINARYEN_VERSION"*) ;;
    *) echo "wasm-opt on PATH is not binaryen $BINARYEN_VERSION ($v): run npm ci" >&2; exit 1 ;;
  esac
}

build() {
  local stamp
  local dirs=(src)
  [ -d assets ] && dirs+=(assets)
  [ -d vendor ] && dirs+=(vendor)
  stamp=$( (cat Cargo.toml Cargo.lock .cargo/config.toml scripts/package.mjs dev.sh; find "${dirs[@]}" -type f -print0 | LC_ALL=C sort -z | xargs -0 cat) | sha256sum | cut -c1-16)
  if [ -f pkg/tthc_bg.wasm ] && [ -f pkg/tthc_bg_simd.wasm ] && [ -f pkg/tthc_forms_bg_simd.wasm ] \
    && [ "$(cat pkg/.build-stamp 2>/dev/null)" = "$stamp" ]; then
    say "pkg/ is up to date"
    return
  fi
  say "wasm-pack build --target web --out-dir pkg --release"
  wasm-pack build --target web --out-dir pkg --release
  build_simd
  echo "$stamp" > pkg/.build-stamp
}

# The same crate with wasm SIMD, as pkg/tthc_bg_simd.wasm; the glue (pkg/tthc.js) loads it where the browser validates
# SIMD and pkg/tthc_bg.wasm elsewhere (scripts/package.mjs). Same rustflags as .cargo/config.toml plus simd128
# (RUSTFLAGS replaces that list), same wasm-opt flags as Cargo.toml plus --enable-simd; its own target dir.
SIMD_TARGET=target/simd
simd_rustflags() {
  echo "$(sed -n 's/^rustflags = \[\(.*\)\]/\1/p' .cargo/config.toml | tr -d '",') -C target-feature=+simd128"
}
build_simd() {
  say "wasm SIMD build (pkg/tthc_bg_simd.wasm)"
  RUSTFLAGS="$(simd_rustflags)" cargo build --release --lib --target wasm32-unknown-unknown --target-dir "$SIMD_TARGET"
  rm -rf "$SIMD_TARGET/pkg"
  wasm-bindgen --target web --out-dir "$SIMD_TARGET/pkg" "$SIMD_TARGET/wasm32-unknown-unknown/release/tthc.wasm"
  if ! cmp -s "$SIMD_TARGET/pkg/tthc.js" pkg/tthc.js; then
    echo "the SIMD build's glue differs from pkg/tthc.js: the two modules would not be interchangeable" >&2
    exit 1
  fi
  local opt
  read -r -a opt <<< "$(sed -n 's/^wasm-opt = \[\(.*\)\]/\1/p' Cargo.toml | tr -d '",')"
  wasm-opt "${opt[@]}" --enable-simd "$SIMD_TARGET/pkg/tthc_bg.wasm" -o pkg/tthc_bg_simd.wasm
  build_forms
  node scripts/package.mjs
}

# The light module for citizen pages (`tthc/forms`): the crate without the `stats` feature, plain and SIMD, as
# pkg/tthc_forms_bg.wasm and pkg/tthc_forms_bg_simd.wasm, its glue in target/forms/pkg (scripts/package.mjs
# renames it pkg/tthc_forms_glue.js). Built at opt-level "s" with LLVM's inline thresholds at 0 (the full module: 3,
# 50, and 325 for `#[inline]` functions) and wasm-opt --converge, for its 240 KiB budget (see DESIGN.md, "The light
# module for citizen pages").
FORMS_TARGET=target/forms
forms_rustflags() {
  sed -n 's/^rustflags = \[\(.*\)\]/\1/p' .cargo/config.toml | tr -d '",' | sed 's/-inline-threshold=[0-9]*/-inline-threshold=0 -C llvm-args=-inlinehint-threshold=0/'
}
forms_wasm_opt() {
  sed -n 's/^wasm-opt = \[\(.*\)\]/\1 --converge/p' Cargo.toml | tr -d '",'
}
build_forms() {
  say "light module for citizen pages (pkg/tthc_forms_bg.wasm, pkg/tthc_forms_bg_simd.wasm)"
  local opt
  read -r -a opt <<< "$(forms_wasm_opt)"
  CARGO_PROFILE_RELEASE_OPT_LEVEL=s RUSTFLAGS="$(forms_rustflags)" cargo build --release --lib \
    --target wasm32-unknown-unknown --no-default-features --features js --target-dir "$FORMS_TARGET"
  rm -rf "$FORMS_TARGET/pkg"
  wasm-bindgen --target web --out-dir "$FORMS_TARGET/pkg" "$FORMS_TARGET/wasm32-unknown-unknown/release/tthc.wasm"
  wasm-opt "${opt[@]}" "$FORMS_TARGET/pkg/tthc_bg.wasm" -o pkg/tthc_forms_bg.wasm
  CARGO_PROFILE_RELEASE_OPT_LEVEL=s RUSTFLAGS="$(forms_rustflags) -C target-feature=+simd128" cargo build --release \
    --lib --target wasm32-unknown-unknown --no-default-features --features js --target-dir "$FORMS_TARGET/simd"
  rm -rf "$FORMS_TARGET/simd/pkg"
  wasm-bindgen --target web --out-dir "$FORMS_TARGET/simd/pkg" \
    "$FORMS_TARGET/simd/wasm32-unknown-unknown/release/tthc.wasm"
  if ! cmp -s "$FORMS_TARGET/simd/pkg/tthc.js" "$FORMS_TARGET/pkg/tthc.js"; then
    echo "the SIMD build's glue differs from the plain one's (tthc/forms)" >&2
    exit 1
  fi
  wasm-opt "${opt[@]}" --enable-simd "$FORMS_TARGET/simd/pkg/tthc_bg.wasm" -o pkg/tthc_forms_bg_simd.wasm
}

# The wasm-bindgen test files (tests/*wasm*.rs), run by wasm-bindgen-test-runner
# (the runner of .cargo/config.toml) in Node, then in headless Debian Chromium (webdriver.json gives its flags).
WASM_TESTS=(--test wasm_binding --test calendar_wasm --test forms_wasm --test stats_wasm)
wasm_tests() {
  say "wasm-bindgen tests in Node"
  cargo test --target wasm32-unknown-unknown "${WASM_TESTS[@]}"
  say "wasm-bindgen tests in headless Chromium"
  CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_USE_BROWSER=1 WASM_BINDGEN_TEST_DRIVER_TIMEOUT=120 \
    cargo test --target wasm32-unknown-unknown "${WASM_TESTS[@]}"
  say "wasm-bindgen tests of the SIMD build in Node"
  RUSTFLAGS="$(simd_rustflags)" cargo test --target wasm32-unknown-unknown --target-dir "$SIMD_TARGET" "${WASM_TESTS[@]}"
}

cmd=${1:-}
case "$cmd" in
  build) setup; build ;;
  serve)
    setup; build
    exec node scripts/serve.mjs "${@:2}"
    ;;
  test)
    setup; build
    say "cargo fmt --check"; cargo fmt --check
    say "cargo clippy"; cargo clippy --all-targets -- -D warnings
    cargo clippy --lib --target wasm32-unknown-unknown -- -D warnings
    RUSTFLAGS="$(simd_rustflags)" cargo clippy --lib --target wasm32-unknown-unknown --target-dir "$SIMD_TARGET" -- -D warnings
    say "cargo test (native core)"; cargo test
    say "the zmij stand-in (vendor/zmij) against the real zmij"; cargo test --release --manifest-path vendor/zmij/Cargo.toml
    wasm_tests
    say "JS contract tests on pkg/ (Node)"; node --test tests/js/
    say "the packed package in Vite, webpack, Rollup and esbuild apps (Chromium)"; node --test tests/bundlers/
    say "TypeScript: tsc --strict on a typed sample app (tests/ts/)"; tsc -p tests/ts
    say "size budget"; node scripts/size-budget.mjs
    say "end-to-end tests of the page (Chromium via playwright-core)"; node --test --test-concurrency=1 e2e/
    say "all tests passed"
    ;;
  bench)
    setup; build
    exec node bench/run.mjs "${@:2}"
    ;;
  *)
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
