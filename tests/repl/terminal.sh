#!/bin/sh
# The REPL in a real terminal (tmux): line editing through libedit, Tab
# completion of names and attributes, Ctrl-C interrupting `while True: pass`
# with every variable kept, Ctrl-C discarding a half-typed line, and history
# kept in ~/.tl_history across sessions.
TL=${TL:-./tl}
case "$TL" in /*) ;; *) TL=$(pwd)/$TL ;; esac
pass=0; fail=0
check() {   # $1 description, $2 pattern (grep -E) expected in the pane
    if grep -qE "$2" "$pane"; then pass=$((pass + 1)); else
        fail=$((fail + 1)); echo "FAIL terminal: $1 (no /$2/ on screen)"; cat "$pane"; fi
}
if ! command -v tmux >/dev/null; then echo "FAIL terminal: tmux is not installed (scripts/deps.sh installs it)"; echo "0 passed, 1 failed"; exit 1; fi
home=$(mktemp -d)
pane=$home/pane
sock="tl-test-$$"
wait_for() {   # polls the pane until pattern $1 appears (at most ~10 s)
    i=0
    while [ $i -lt 100 ]; do
        tmux -L "$sock" capture-pane -p -t s >"$pane" 2>/dev/null
        grep -qE "$1" "$pane" && return 0
        sleep 0.1; i=$((i + 1))
    done
    return 1
}
send() { tmux -L "$sock" send-keys -t s "$@"; }

tmux -L "$sock" new-session -d -s s -x 100 -y 50 "env HOME=$home TERM=xterm $TL"
wait_for '>>> '
send 'total = 41' Enter
send 'xs = [3, 1, 2]' Enter
send 'xs.so' Tab
sleep 0.5
send ')' Enter 'xs' Enter
wait_for '\[1, 2, 3\]'
check "Tab completes xs.so to xs.sort(" 'xs\.sort\(\)'
check "sorted list printed" '^\[1, 2, 3\]'
send 'while True: pass' Enter Enter
sleep 1
send C-c
wait_for 'KeyboardInterrupt'
check "Ctrl-C interrupts a running loop" '^KeyboardInterrupt'
send 'total + 1' Enter
wait_for '^42'
check "variables survive the interrupt" '^42'
send 'half typed' C-c
sleep 0.3
send 'print("after")' Enter
wait_for '^after'
check "Ctrl-C discards the typed line" '^after'
send C-d
sleep 0.5
tmux -L "$sock" kill-server 2>/dev/null
if grep -q 'total' "$home/.tl_history" 2>/dev/null; then pass=$((pass + 1)); else
    fail=$((fail + 1)); echo "FAIL terminal: ~/.tl_history lacks the session's lines"; fi
# a second session recalls the previous one's history with Up
tmux -L "$sock" new-session -d -s s -x 100 -y 50 "env HOME=$home TERM=xterm $TL"
wait_for '>>> '
send 'total = 5' Enter
send Up Up Up Up Up Up Up Enter
sleep 0.5
tmux -L "$sock" capture-pane -p -t s >"$pane"
check "Up recalls a line from the previous session" 'xs = \[3, 1, 2\]|total = 41|xs\.sort'
tmux -L "$sock" kill-server 2>/dev/null
rm -rf "$home"
echo "$pass passed, $fail failed"
