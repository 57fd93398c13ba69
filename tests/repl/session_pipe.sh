#!/bin/sh
# REPL fed on stdin (tl -i): prompts, multi-line blocks ended by an empty
# line, expression results echoed, `_`, and every variable surviving an
# error. The expected transcript follows CPython's REPL (python3 -i).
TL=${TL:-./tl}
out=$(mktemp)
printf 'x = 41\ndef f(a):\n    return a + 1\n\nf(x)\n_ * 2\n1/0\nx\nundefined_name\nclass A:\n    v = 3\n\nA.v + x\n' |
    "$TL" -i /dev/null >"$out" 2>&1
expected='>>> >>> ... ... >>> 42
>>> 84
>>> Traceback (most recent call last):
  File "<stdin>", line 1, in <module>
ZeroDivisionError: division by zero
>>> 41
>>> Traceback (most recent call last):
  File "<stdin>", line 1, in <module>
NameError: name '"'"'undefined_name'"'"' is not defined
>>> ... ... >>> 44
>>> '
pass=0; fail=0
if [ "$(cat "$out")" = "$expected" ]; then pass=1; else
    fail=1; echo "FAIL session_pipe: got:"; cat "$out"; echo "--- expected:"; echo "$expected"; fi
rm -f "$out"
echo "$pass passed, $fail failed"
