#!/usr/bin/env bash
# Makes sure the real tier's binaries exist: redis-server, redis-sentinel, redis-cli (7.x or newer) and
# toxiproxy-server. Idempotent and fast (< 1 s) when everything is present; `npm test` runs it first.
#
#   - Redis comes from apt (Debian packages redis-server, redis-sentinel, redis-tools) when we are root.
#     The Debian package starts a redis-server service on port 6379; we stop and disable it, because the
#     harness never uses fixed ports and an extra server would only confuse `pgrep` and readers of `ss`.
#   - toxiproxy-server is built with `go install` into <project>/.tools/bin (git-ignored) and renamed,
#     because `go install` names the binary after its package directory (`server`).
#   - libfaketime (Debian `faketime`) is optional, meant for clock faults of redis-sentinel later. Known
#     problem: Debian's libfaketime 0.9.10 makes the jemalloc-linked Debian redis-server hang at start
#     ("recursive calls to clock_gettime()"), so it is not usable with that build as is.
#
# Exit status 0 when the required binaries are present afterwards; 1 with a one-line reason otherwise.
# Set SENTINEL_LAB_SKIP_SETUP=1 to skip everything (e.g. an environment that provides binaries itself).
set -euo pipefail

if [[ "${SENTINEL_LAB_SKIP_SETUP:-}" == "1" ]]; then
  echo "setup-real: skipped (SENTINEL_LAB_SKIP_SETUP=1)"
  exit 0
fi

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_BIN="$ROOT/.tools/bin"
TOXIPROXY_VERSION="2.12.0"
APT_UPDATED=0

fail() {
  echo "setup-real: $*" >&2
  exit 1
}

is_root() { [[ "$(id -u)" == "0" ]]; }

apt_install() {
  command -v apt-get >/dev/null 2>&1 || return 1
  if [[ "$APT_UPDATED" == "0" ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    APT_UPDATED=1
  fi
  # policy-rc.d exit 101 keeps dpkg from starting services in containers that honour it.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

redis_major() {
  # "Redis server v=7.0.15 sha=..." -> 7
  "$1" --version 2>/dev/null | sed -n 's/.*v=\([0-9]*\)\..*/\1/p'
}

stop_debian_redis_service() {
  # The package may have started redis-server on 6379; we never depend on it, so do not leave it running.
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet redis-server 2>/dev/null; then
    systemctl disable --now redis-server >/dev/null 2>&1 || true
  fi
  if command -v service >/dev/null 2>&1; then
    service redis-server stop >/dev/null 2>&1 || true
  fi
  if [[ -f /etc/init.d/redis-server ]] && command -v update-rc.d >/dev/null 2>&1; then
    update-rc.d redis-server disable >/dev/null 2>&1 || true
  fi
}

ensure_redis() {
  local missing=()
  for bin in redis-server redis-sentinel redis-cli; do
    command -v "$bin" >/dev/null 2>&1 || missing+=("$bin")
  done
  if ((${#missing[@]} > 0)); then
    is_root || fail "missing ${missing[*]}; install Redis 7 (as root: apt-get install -y redis-server redis-sentinel redis-tools)"
    apt_install redis-server redis-sentinel redis-tools || fail "apt-get could not install redis-server redis-sentinel redis-tools"
    stop_debian_redis_service
  fi
  local major
  major="$(redis_major redis-server)"
  [[ -n "$major" && "$major" -ge 7 ]] || fail "redis-server is version '$(redis-server --version)'; need 7.x or newer"
  echo "redis-server: $(redis-server --version | sed -n 's/.*v=\([^ ]*\).*/\1/p') ($(command -v redis-server))"
  echo "redis-sentinel: $(redis-sentinel --version | sed -n 's/.*v=\([^ ]*\).*/\1/p') ($(command -v redis-sentinel))"
  echo "redis-cli: $(redis-cli --version | awk '{print $2}') ($(command -v redis-cli))"
}

ensure_toxiproxy() {
  local bin
  if bin="$(command -v toxiproxy-server 2>/dev/null)"; then :
  elif [[ -x "$TOOLS_BIN/toxiproxy-server" ]]; then bin="$TOOLS_BIN/toxiproxy-server"
  else
    command -v go >/dev/null 2>&1 || fail "missing toxiproxy-server and no Go to build it; install Go >= 1.23 (https://go.dev/dl) or put toxiproxy-server on PATH"
    mkdir -p "$TOOLS_BIN"
    echo "setup-real: building toxiproxy-server v$TOXIPROXY_VERSION with $(go version | awk '{print $3}')..."
    # -X sets the version the server reports on GET /version (a plain go install reports "git").
    GOBIN="$TOOLS_BIN" go install \
      -ldflags "-X github.com/Shopify/toxiproxy/v2.Version=$TOXIPROXY_VERSION" \
      "github.com/Shopify/toxiproxy/v2/cmd/server@v$TOXIPROXY_VERSION" \
      || fail "go install of toxiproxy v$TOXIPROXY_VERSION failed (needs Go >= 1.23 and network access to the Go module proxy)"
    mv "$TOOLS_BIN/server" "$TOOLS_BIN/toxiproxy-server"
    bin="$TOOLS_BIN/toxiproxy-server"
  fi
  echo "toxiproxy-server: $("$bin" -version 2>&1 | awk '{print $NF}') ($bin)"
}

find_libfaketime() {
  local candidate
  for candidate in /usr/lib/*/faketime/libfaketime.so.1 /usr/lib/faketime/libfaketime.so.1; do
    [[ -f "$candidate" ]] && { echo "$candidate"; return 0; }
  done
  return 1
}

ensure_faketime_optional() {
  local lib
  if ! lib="$(find_libfaketime)"; then
    if is_root && command -v apt-get >/dev/null 2>&1; then
      apt_install libfaketime >/dev/null 2>&1 || true
    fi
    lib="$(find_libfaketime)" || { echo "libfaketime: not available (optional; apt-get install libfaketime)"; return 0; }
  fi
  echo "libfaketime: $lib"
}

ensure_chromium_optional() {
  # Headless Chromium opens the HTML reports in test/report/browser.test.ts. Optional: that test skips
  # with a printed reason without it; as root we install Debian's package so CI runs it.
  local bin
  if bin="$(command -v chromium 2>/dev/null)"; then :
  elif is_root && command -v apt-get >/dev/null 2>&1; then
    apt_install chromium >/dev/null 2>&1 || true
    bin="$(command -v chromium 2>/dev/null)" || { echo "chromium: not available (optional; apt-get install chromium)"; return 0; }
  else
    echo "chromium: not available (optional; apt-get install chromium)"; return 0
  fi
  echo "chromium: $("$bin" --version 2>/dev/null | awk '{print $2}') ($bin)"
}

ensure_redis
ensure_toxiproxy
ensure_faketime_optional
ensure_chromium_optional
