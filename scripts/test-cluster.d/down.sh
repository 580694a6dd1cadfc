#!/usr/bin/env bash
# Stop what up.sh started, by the PIDs it recorded (reverse start order). KEEP_STATE=1 keeps data.
set -uo pipefail
STATE="${STATE:-/tmp/k8s-test}"
for name in kwok kube-scheduler kube-controller-manager kube-apiserver etcd; do
  f="${STATE}/${name}.pid"
  [[ -f "$f" ]] || continue
  pid="$(cat "$f")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  rm -f "$f"
done
[[ "${KEEP_STATE:-0}" == 1 ]] || rm -rf "${STATE}"
