#!/usr/bin/env bash
# Records the expected results of `helm template` cases with the reference Helm (../shared/tools/reference-helm).
# Usage: record.sh HELM. Each line of cases.txt is "NAME ARGS..." (args split on spaces; run from this
# directory so chart paths are relative); writes template/NAME.{out,err,rc} (and NAME.files with the
# files written by an --output-dir case, whose directory must be the last word of the case... or followed by
# more flags).
set -euo pipefail
cd "$(dirname "$0")"
helm="$1"
# A fixed, empty HOME: help texts print paths under it, and the tests use the same one.
home=/tmp/helm-cpp-golden-home
rm -rf "$home"
mkdir -p "$home"
trap 'rm -rf "$home"' EXIT
while read -r name args; do
  [ -z "$name" ] && continue
  case "$name" in \#*) continue ;; esac
  outdir=""
  case " $args " in *" --output-dir "*) outdir="${args##*--output-dir }"; outdir="${outdir%% *}"; rm -rf "$outdir" ;; esac
  # shellcheck disable=SC2086
  set +e
  HOME="$home" "$helm" $args >"template/$name.out" 2>"template/$name.err"
  echo $? >"template/$name.rc"
  set -e
  if [ -n "$outdir" ]; then
    # The files written, each as "== PATH" and its content.
    find "$outdir" -type f | LC_ALL=C sort | while read -r f; do echo "== $f"; cat "$f"; done >"template/$name.files"
    rm -rf "$outdir"
  fi
done <cases.txt
