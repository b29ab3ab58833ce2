#!/usr/bin/env bash
# Installs, when missing, every tool the build and the tests need, and puts them on PATH.
# Idempotent: a second run installs nothing. Sourced by scripts/serve and scripts/test.
#   REGIONSHIFT_SETUP=build  -> Rust target, trunk, wasm-bindgen, wasm-opt
#   REGIONSHIFT_SETUP=test   -> the above, plus Chromium, ChromeDriver and the e2e packages
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="${REGIONSHIFT_TOOLS:-$HOME/.cache/regionshift-tools}"
mode="${REGIONSHIFT_SETUP:-build}"
TRUNK_VERSION="0.21.14"
BINARYEN_VERSION="132"

say() { printf '\033[1msetup:\033[0m %s\n' "$*" >&2; }

export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$tools/binaryen/node_modules/.bin:$PATH"

command -v cargo >/dev/null || { say "cargo is missing: install Rust with rustup first"; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
if ! rustup component list --installed | grep -q '^clippy'; then rustup component add clippy; fi
if ! rustup component list --installed | grep -q '^rustfmt'; then rustup component add rustfmt; fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

# wasm-bindgen-cli must be exactly the wasm-bindgen version in Cargo.lock.
bindgen_version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$repo/Cargo.lock")"
if [ -z "$bindgen_version" ]; then say "cannot read the wasm-bindgen version from Cargo.lock"; exit 1; fi
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $bindgen_version" ]; then
  say "installing wasm-bindgen-cli $bindgen_version"
  cargo install --force wasm-bindgen-cli --version "$bindgen_version"
fi

# Debian's wasm-opt is too old for current Rust wasm; npm's binaryen is not.
if ! wasm-opt --version 2>/dev/null | grep -q "version $BINARYEN_VERSION"; then
  command -v npm >/dev/null || { say "npm is missing (needed for binaryen's wasm-opt): apt-get install nodejs npm"; exit 1; }
  say "installing wasm-opt (npm binaryen@$BINARYEN_VERSION) into $tools/binaryen"
  mkdir -p "$tools/binaryen"
  npm install --prefix "$tools/binaryen" --no-audit --no-fund --loglevel=error "binaryen@$BINARYEN_VERSION" ||
    { say "npm could not install binaryen@$BINARYEN_VERSION (see its error above)"; exit 1; }
fi

if [ "$mode" = "test" ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Debian's chromium and chromium-driver"
    if [ "$(id -u)" -ne 0 ]; then sudo_cmd=sudo; else sudo_cmd=""; fi
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
  if [ ! -d "$repo/tests/e2e/node_modules/playwright-core" ]; then
    say "installing the end-to-end test packages (playwright-core, driving Debian's chromium)"
    (cd "$repo/tests/e2e" && npm ci --no-audit --no-fund --loglevel=error) ||
      { say "npm could not install the journeys' playwright-core (see its error above)"; exit 1; }
  fi
fi
