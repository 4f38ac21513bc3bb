#!/usr/bin/env bash
# Regenerates the text screens and the live screen's images below from the real program, replaying the
# synth-host fixture (so they are the same on every machine):
#   screenshots/make.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
fx=$repo/fixtures/synth-host
run() {  # $1: output file; the rest: nscope arguments
  local out=$1
  shift
  { printf '$ nscope %s\n' "$*"; "$repo/nscope" --root "$fx" "$@" 2>&1; } | sed "s|$fx|fixtures/synth-host|g" > "$here/$out"
}
run ls.txt ls
run ls-all-net.txt ls --all --type net
run ls-tree-parent.txt ls --tree parent --type pid,user
run ls-tree-owner.txt ls --tree owner
pid=$(sed -n 's/^ *[0-9]* *uts  *[0-9]* *\([0-9]*\) .*c1\.sh$/\1/p' "$here/ls.txt" | head -1)
run mounts-container.txt mounts "$pid"
run snapshot.txt snapshot
run cgroups.txt cgroups --processes --hierarchy memory
# the live screen, drawn on a virtual terminal (100x32): every view and the help, as .txt and .svg
# (from the repository, so the lens's paths read fixtures/synth-host/..., the same on every machine)
(cd "$repo" && "$repo/nscope" --root fixtures/synth-host screenshots "$here" >/dev/null)
echo "screenshots: written to $here"
