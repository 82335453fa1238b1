# fipstop under tmux, for system tests (sourced). Runs bin/fipstop (or $FIPSTOP) in a detached
# tmux session on a private tmux server (its socket in $WORK, else /tmp), so a test reads the
# screen as a person sees it and types keys. After fipstop exits the pane prints
# "FIPSTOP-EXIT=<status>" and `stty -a`, so a test can check the exit status and that the
# terminal left raw mode.
#
#   fipstop_tmux_start NAME COLS ROWS [fipstop args...]   # e.g. -s "$WORK/n1/control.sock" -r 0.5
#   fipstop_tmux_await NAME TEXT [TIMEOUT_S]              # waits until TEXT is on screen (default 20 s)
#   fipstop_tmux_keys NAME KEY...                         # tmux key names: Tab BTab Down Up Enter Escape DC q C-c
#   fipstop_tmux_capture NAME                             # the screen, plain text
#   fipstop_tmux_exit_status NAME [TIMEOUT_S]             # fipstop's exit status once it has exited
#   fipstop_tmux_tty_restored NAME                        # true if stty shows icanon and echo again
#   fipstop_tmux_stop NAME                                # kills the private tmux server (call from the EXIT trap)

FIPSTOP_TMUX_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"

_fipstop_tmux_sock() { echo "${WORK:-/tmp}/fipstop-tmux-$1-$$.sock"; }
_fipstop_tmux() { local name="$1"; shift; tmux -S "$(_fipstop_tmux_sock "$name")" "$@"; }

fipstop_tmux_start() {
  local name="$1" cols="$2" rows="$3"; shift 3
  local cmd arg
  cmd="env LANG=C.UTF-8 $(printf '%q' "${FIPSTOP:-$FIPSTOP_TMUX_ROOT/bin/fipstop}")"
  for arg in "$@"; do cmd="$cmd $(printf '%q' "$arg")"; done
  _fipstop_tmux "$name" -f /dev/null new-session -d -s "$name" -x "$cols" -y "$rows" \
    "$cmd; echo FIPSTOP-EXIT=\$?; stty -a; echo STTY-DONE; sleep 3600"
}

fipstop_tmux_capture() { _fipstop_tmux "$1" capture-pane -p -t "$1"; }

fipstop_tmux_keys() { local name="$1"; shift; _fipstop_tmux "$name" send-keys -t "$name" "$@"; }

fipstop_tmux_await() {
  local name="$1" text="$2" deadline=$(( $(date +%s) + ${3:-20} ))
  until fipstop_tmux_capture "$name" | grep -qF -- "$text"; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      echo "fipstop screen did not show '$text'; screen:" >&2
      fipstop_tmux_capture "$name" >&2
      return 1
    fi
    sleep 0.2
  done
}

fipstop_tmux_exit_status() {
  fipstop_tmux_await "$1" "FIPSTOP-EXIT=" "${2:-20}" || return 1
  fipstop_tmux_capture "$1" | sed -n 's/.*FIPSTOP-EXIT=\([0-9]*\).*/\1/p' | head -n 1
}

fipstop_tmux_tty_restored() {
  fipstop_tmux_await "$1" "STTY-DONE" 10 || return 1   # all of stty -a is on screen
  local words
  words=$(fipstop_tmux_capture "$1" | sed -n '/FIPSTOP-EXIT=/,$p' | tr -s ' ;\n' '\n')
  grep -qx 'icanon' <<<"$words" && grep -qx 'echo' <<<"$words" && ! grep -qx -- '-icanon' <<<"$words"
}

fipstop_tmux_stop() {
  _fipstop_tmux "$1" kill-server 2>/dev/null || true
  rm -f "$(_fipstop_tmux_sock "$1")"
}
