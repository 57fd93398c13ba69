#!/bin/sh
# The command line: -c, scripts with arguments (.tl and .py), stdin, `tl -`,
# #! scripts, --version/--help, exit statuses (0, 1 after an uncaught error,
# sys.exit codes) and syntax errors reported before anything runs.
TL=${TL:-./tl}
case "$TL" in /*) ;; *) TL=$(pwd)/$TL ;; esac
pass=0; fail=0
dir=$(mktemp -d)
expect() {   # $1 description, $2 expected, $3 actual
    if [ "$2" = "$3" ]; then pass=$((pass + 1)); else
        fail=$((fail + 1)); printf 'FAIL cli: %s\n  expected: %s\n  got:      %s\n' "$1" "$2" "$3"; fi
}
expect "-c runs code" "3" "$("$TL" -c 'print(1 + 2)')"
printf 'import sys\nprint(sys.argv[1:], len(sys.argv))\n' >"$dir/args.tl"
expect "script arguments in sys.argv" "['a', 'b'] 3" "$("$TL" "$dir/args.tl" a b)"
cp "$dir/args.tl" "$dir/args.py"
expect ".py scripts run too" "['x'] 2" "$("$TL" "$dir/args.py" x)"
expect "a script on a pipe" "6" "$(echo 'print(2 * 3)' | "$TL")"
expect "tl - reads stdin" "7" "$(echo 'print(3 + 4)' | "$TL" -)"
printf '#!/usr/bin/env tl\nprint("shebang ok")\n' >"$dir/run.tl"
expect "#! line is a comment" "shebang ok" "$("$TL" "$dir/run.tl")"
"$TL" -c 'raise ValueError("bad")' 2>"$dir/err"; rc=$?
expect "uncaught error exits 1" "1" "$rc"
expect "error line on stderr" "ValueError: bad" "$(tail -1 "$dir/err")"
"$TL" -c 'import sys; sys.exit(3)'; rc=$?
expect "sys.exit(3) status" "3" "$rc"
"$TL" -c 'print("before")
x = (1,' >"$dir/out" 2>"$dir/err"; rc=$?
expect "syntax error exits 1" "1" "$rc"
expect "syntax error before running" "" "$(cat "$dir/out")"
expect "syntax error message" "SyntaxError: '(' was never closed" "$(tail -1 "$dir/err")"
expect "--version" "tl" "$("$TL" --version | cut -c1-2)"
"$TL" --help >/dev/null; rc=$?
expect "--help exits 0" "0" "$rc"
printf 'y = 5\n' >"$dir/i.tl"
expect "-i keeps the script's variables" ">>> 10" "$(echo 'y * 2' | "$TL" -i "$dir/i.tl" 2>&1 | head -1)"
"$TL" "$dir/missing.tl" 2>/dev/null; rc=$?
expect "missing script exits 2" "2" "$rc"
rm -rf "$dir"
echo "$pass passed, $fail failed"
