#!/bin/sh
# make bench: build, then time tl against CPython and PyTorch (same run).
cd "$(dirname "$0")/.." || exit 1
exec python3 scripts/bench.py "$@"
