#!/bin/sh
# Installs the Debian packages tl needs to build and test, when missing.
# As root it runs apt-get; otherwise it prints the exact command to run.
set -e
packages="gcc make libc6-dev libedit-dev libopenblas-dev libopenblas0-openmp python3 tmux"
missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" -eq 0 ]; then
    echo "scripts/deps.sh: installing:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null || true
    $cmd >/dev/null
else
    echo "scripts/deps.sh: missing packages:$missing"
    echo "run as root:  $cmd"
    exit 1
fi
