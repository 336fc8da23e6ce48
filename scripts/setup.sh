#!/usr/bin/env bash
# Installs every tool the project needs, idempotently: each step checks first and installs only what is missing.
# Safe to run on every `make` invocation; a warm machine finishes in about a second.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_PACK_VERSION=0.15.1
WASM_BINDGEN_VERSION=0.2.130   # must equal the wasm-bindgen crate pinned in Cargo.toml

log() { printf '[setup] %s\n' "$*" >&2; }
export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  log "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-pack --version 2>/dev/null || true)" != "wasm-pack $WASM_PACK_VERSION" ]; then
  log "installing wasm-pack $WASM_PACK_VERSION (about 2 minutes)"
  cargo install wasm-pack --version "$WASM_PACK_VERSION" --locked --force
fi

if [ "$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f1-2 || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 2 minutes)"
  # not --locked: the CLI's own lockfile pins a crate the registry no longer serves
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    log "installing chromium and chromium-driver from Debian"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  else
    log "chromium/chromedriver missing and not root: browser tests need 'apt-get install chromium chromium-driver'"
  fi
fi

# Apache httpd (mod_auth_digest) and htdigest: the Digest server we did not write, for tests/js/apache.test.mjs.
if { ! command -v apache2 >/dev/null 2>&1 && [ ! -x /usr/sbin/apache2 ]; } || ! command -v htdigest >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    log "installing apache2 and apache2-utils from Debian"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      apache2 apache2-utils >/dev/null
    # The tests start their own instances on free ports: stop the system service the package may have started.
    if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet apache2 2>/dev/null; then
      systemctl disable --now apache2 >/dev/null 2>&1 || true
    elif [ -f /var/run/apache2/apache2.pid ]; then
      service apache2 stop >/dev/null 2>&1 || true
    fi
  else
    log "apache2/htdigest missing and not root: the Apache suite needs 'apt-get install apache2 apache2-utils'"
  fi
fi

# lighttpd (mod_auth serves Digest with SHA-256): the panel proxy's SHA-256 check, tests/js/panel-proxy-digest.test.mjs.
if ! command -v lighttpd >/dev/null 2>&1 && [ ! -x /usr/sbin/lighttpd ]; then
  if [ "$(id -u)" = 0 ]; then
    log "installing lighttpd from Debian"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends lighttpd >/dev/null
    # The tests start their own instances on free ports: stop the system service the package may have started.
    if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet lighttpd 2>/dev/null; then
      systemctl disable --now lighttpd >/dev/null 2>&1 || true
    fi
  else
    log "lighttpd missing and not root: the panel proxy's SHA-256 check needs 'apt-get install lighttpd'"
  fi
fi

# JS folders: npm ci only when node_modules is missing or older than the lockfile.
for dir in tools "$@"; do
  [ -f "$dir/package-lock.json" ] || continue
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    log "npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done
