#!/usr/bin/env bash
# Starts the installed code-server (scripts/codeserver/install.sh) on 127.0.0.1 with fresh, isolated state and
# waits until it answers /healthz. Prints machine-readable lines on stdout (logs go to stderr):
#   CS_URL=http://127.0.0.1:18080  CS_PID=…  CS_RUN_DIR=…  CS_WORKSPACE=…
# Stop it with scripts/codeserver/stop.sh "$CS_RUN_DIR" (by PID from the pid file).
#
# Environment (all optional):
#   CS_PORT=18080          first port to try; the next free one is used if it is taken
#   CS_RUN_DIR=…           state dir (default .state/run-<port>); wiped at start: user-data, extensions, logs, pid
#   CS_WORKSPACE=…         folder to open (default <run dir>/workspace, created)
#   CS_INSTALL_VSIX=x.vsix install this .vsix into the run's extensions dir before starting
#   CS_LOCALE=zh-cn        VS Code's display language (see below)
#   CS_VERSION=4.100.3
# Everything else in the environment is inherited by code-server and so by its extension host, e.g.
#   OS_CLOUD=devstack OS_CLIENT_CONFIG_FILE=$PWD/clouds.yaml scripts/codeserver/start.sh
# (XDG_DATA_HOME is pointed into the run dir: code-server always writes heartbeat/logs there.)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CS_VERSION="${CS_VERSION:-4.100.3}"
CS_BIN="$ROOT/.state/code-server-$CS_VERSION/node_modules/.bin/code-server"
[[ -x "$CS_BIN" && -f "$ROOT/.state/code-server-$CS_VERSION/.installed" ]] \
  || { echo "code-server $CS_VERSION is not installed: run scripts/codeserver/install.sh" >&2; exit 1; }

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
healthy() { # GET /healthz over bash's /dev/tcp: no curl needed
  local line
  exec 3<>"/dev/tcp/127.0.0.1/$1" || return 1
  printf 'GET /healthz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
  IFS= read -r -t 2 line <&3 || true
  exec 3>&-
  [[ "$line" == *" 200 "* ]]
}

PORT="${CS_PORT:-18080}"
for _ in $(seq 1 50); do port_busy "$PORT" 2>/dev/null || break; PORT=$((PORT + 1)); done
port_busy "$PORT" 2>/dev/null && { echo "no free port near ${CS_PORT:-18080}" >&2; exit 1; }

RUN="${CS_RUN_DIR:-$ROOT/.state/run-$PORT}"
if [[ -f "$RUN/code-server.pid" ]]; then "$ROOT/scripts/codeserver/stop.sh" "$RUN" >&2; fi
rm -rf "$RUN"
mkdir -p "$RUN/user-data/User" "$RUN/extensions" "$RUN/xdg-data"
WS="${CS_WORKSPACE:-$RUN/workspace}"
if [[ ! -d "$WS" ]]; then mkdir -p "$WS"; echo "# OpenStack Explorer test workspace" > "$WS/README.md"; fi

printf 'bind-addr: 127.0.0.1:%s\nauth: none\ncert: false\n' "$PORT" > "$RUN/config.yaml"
cat > "$RUN/user-data/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "npm.fetchOnlinePackageInfo": false,
  "git.openRepositoryInParentFolders": "never",
  "chat.disableAIFeatures": true
}
JSON

export XDG_DATA_HOME="$RUN/xdg-data"
# Extension gallery on a dead loopback port: nothing tries to reach open-vsx.org.
export EXTENSIONS_GALLERY='{"serviceUrl":"http://127.0.0.1:9/vscode/gallery","itemUrl":"http://127.0.0.1:9/vscode/item"}'
CS_ARGS=(--config "$RUN/config.yaml" --user-data-dir "$RUN/user-data" --extensions-dir "$RUN/extensions")

if [[ -n "${CS_INSTALL_VSIX:-}" ]]; then
  "$CS_BIN" "${CS_ARGS[@]}" --install-extension "$CS_INSTALL_VSIX" --force > "$RUN/install-extension.log" 2>&1 \
    || { cat "$RUN/install-extension.log" >&2; exit 1; }
fi

# A display language other than English: VS Code takes it (--locale) only when a language pack for it is installed,
# and Microsoft's packs come from the marketplace, which is out of reach here. A stand-in pack registered in
# languagepacks.json, with no translation of VS Code's own strings, makes the locale VS Code's display language
# (vscode.env.language): the workbench chrome stays English; extensions load their package.nls.<locale>.json and
# l10n/bundle.l10n.<locale>.json as they would under the real pack.
LOCALE_ARGS=()
if [[ -n "${CS_LOCALE:-}" ]]; then
  mkdir -p "$RUN/language-pack"
  echo '{"version":"1.0.0","contents":{}}' > "$RUN/language-pack/main.i18n.json"
  printf '{"%s":{"hash":"stand-in-%s","extensions":[{"extensionIdentifier":{"id":"stand-in.language-pack-%s"},"version":"1.0.0"}],"translations":{"vscode":"%s"},"label":"%s"}}\n' \
    "$CS_LOCALE" "$CS_LOCALE" "$CS_LOCALE" "$RUN/language-pack/main.i18n.json" "$CS_LOCALE" > "$RUN/user-data/languagepacks.json"
  LOCALE_ARGS=(--locale "$CS_LOCALE")
fi

t0=$(date +%s%3N)
# setsid: code-server, its VS Code server, extension host and pty host share one new process group (see stop.sh).
setsid "$CS_BIN" "${CS_ARGS[@]}" --bind-addr "127.0.0.1:$PORT" --auth none \
  --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  --disable-proxy "${LOCALE_ARGS[@]}" "$WS" > "$RUN/code-server.log" 2>&1 < /dev/null &
PID=$!
echo "$PID" > "$RUN/code-server.pid"
until healthy "$PORT" 2>/dev/null; do
  if ! kill -0 "$PID" 2>/dev/null; then echo "code-server exited early:" >&2; tail -n 30 "$RUN/code-server.log" >&2; exit 1; fi
  if (( $(date +%s%3N) - t0 > 60000 )); then echo "code-server not healthy after 60 s" >&2; "$ROOT/scripts/codeserver/stop.sh" "$RUN" >&2; exit 1; fi
  sleep 0.1
done
echo "code-server $CS_VERSION pid $PID healthy on 127.0.0.1:$PORT after $(( $(date +%s%3N) - t0 )) ms (log: $RUN/code-server.log)" >&2
printf 'CS_URL=http://127.0.0.1:%s\nCS_PID=%s\nCS_RUN_DIR=%s\nCS_WORKSPACE=%s\n' "$PORT" "$PID" "$RUN" "$WS"
