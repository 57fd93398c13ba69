#!/bin/sh
# Turns a tl source file into a C file holding it as one string constant, so
# library code written in tl (src/lib/*.tl) is compiled into ./tl, as Wren
# embeds wren_core.wren. Usage: embed_tl.sh src/lib/nn.tl > build/gen/lib/nn.tl.c
# defines `const char lib_tl_nn[]`. Backslashes, quotes and '?' (trigraphs)
# are escaped; every line keeps its newline.
set -e
src=$1
name=lib_tl_$(basename "$src" .tl | tr -c 'A-Za-z0-9_\n' '_')
echo "// Generated from $src by scripts/embed_tl.sh; do not edit."
echo "extern const char ${name}[];"
echo "const char ${name}[] ="
sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/?/\\?/g' -e 's/^/    "/' -e 's/$/\\n"/' "$src"
echo "    \"\";"
