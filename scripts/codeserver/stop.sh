#!/usr/bin/env bash
# Stops a code-server started by start.sh, by the PID in its run dir's pid file only:
# SIGTERM to the PID, wait up to 10 s, then SIGTERM/SIGKILL to its process group (setsid made PID the group leader)
# if anything of it is left.
#   scripts/codeserver/stop.sh [RUN_DIR | PORT]      (default: port 18080)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
arg="${1:-18080}"
if [[ "$arg" =~ ^[0-9]+$ ]]; then RUN="$ROOT/.state/run-$arg"; else RUN="$arg"; fi
PIDFILE="$RUN/code-server.pid"
[[ -f "$PIDFILE" ]] || { echo "not running (no $PIDFILE)"; exit 0; }
PID="$(cat "$PIDFILE")"
[[ "$PID" =~ ^[0-9]+$ ]] || { echo "bad pid file $PIDFILE" >&2; rm -f "$PIDFILE"; exit 1; }

group_alive() { pgrep -g "$PID" >/dev/null 2>&1; }
if kill -0 "$PID" 2>/dev/null && ! tr '\0' ' ' < "/proc/$PID/cmdline" 2>/dev/null | grep -q code-server; then
  echo "pid $PID is not code-server any more; leaving it alone" >&2; rm -f "$PIDFILE"; exit 0
fi
kill -TERM "$PID" 2>/dev/null || true
for _ in $(seq 1 100); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
if group_alive; then kill -TERM -- "-$PID" 2>/dev/null || true; sleep 1; fi
if group_alive; then kill -KILL -- "-$PID" 2>/dev/null || true; fi
rm -f "$PIDFILE"
echo "stopped code-server pid $PID"
