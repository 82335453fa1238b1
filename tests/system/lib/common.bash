# Helpers shared by the system tests (sourced, not run: bin/test runs only
# tests/system/*.sh). Each test sets WORK (its temp dir, whose *.log files
# fail() prints) before calling these.

pass() { echo "PASS: $*"; }

# fail MESSAGE: prints the failure and the tail of every log, then exits 1
# (the test's EXIT trap cleans up).
fail() {
  echo "FAIL: $* (at $(date -u +%H:%M:%S) UTC)"
  FAILED=1
  local f
  for f in "$WORK"/*.log; do
    [ -f "$f" ] || continue
    echo "---- last lines of $(basename "$f")"
    tail -n 25 "$f"
  done
  exit 1
}

# count FILE PATTERN: lines of FILE matching the fixed string PATTERN
count() { grep -cF -- "$2" "$1" 2>/dev/null || true; }

# wait_until TIMEOUT_S COMMAND...: polls COMMAND every 0.25 s; false on timeout
wait_until() {
  local deadline=$(( $(date +%s) + $1 )); shift
  until "$@"; do
    [ "$(date +%s)" -ge "$deadline" ] && return 1
    sleep 0.25
  done
}

# wait_exit PID TIMEOUT_S: the process's exit status, or 124 if it is still running
wait_exit() {
  local pid=$1 deadline=$(( $(date +%s) + $2 ))
  while kill -0 "$pid" 2>/dev/null; do
    [ "$(date +%s)" -ge "$deadline" ] && return 124
    sleep 0.1
  done
  wait "$pid"
}

# free_port [EXCLUDED...]: a UDP port in 20000-31999 (below the usual ephemeral
# range) that no socket holds, not in USED_PORTS and not one of the arguments.
USED_PORTS=" "
udp_port_in_use() {
  local hex; hex=$(printf ':%04X ' "$1")
  grep -qi -- "$hex" /proc/net/udp /proc/net/udp6 2>/dev/null
}
free_port() {
  local p i
  for i in $(seq 1 100); do
    p=$(( 20000 + RANDOM % 12000 ))
    case "$USED_PORTS ${*:-} " in *" $p "*) continue ;; esac
    udp_port_in_use "$p" || { USED_PORTS="$USED_PORTS$p "; echo "$p"; return 0; }
  done
  return 1
}
