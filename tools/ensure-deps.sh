#!/bin/sh
# Usage: ensure-deps.sh package:file ...
# For each pair whose file is missing, install the Debian package with apt-get
# when running as root; otherwise stop with one line naming the command to run.
missing=""
for pair in "$@"; do
    pkg=${pair%%:*}
    file=${pair#*:}
    [ -e "$file" ] || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing:$missing"
    (apt-get install -y -q $missing >/dev/null 2>&1 ||
     { apt-get update -q >/dev/null 2>&1 &&
       apt-get install -y -q $missing >/dev/null; }) && exit 0
    echo "error: apt-get could not install:$missing" >&2
    exit 1
fi
echo "error: missing packages; run: sudo apt-get install$missing" >&2
exit 1
