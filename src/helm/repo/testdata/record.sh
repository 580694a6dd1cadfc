#!/usr/bin/env bash
# Re-records every golden in this directory with the reference Helm v4.2.4 (see README.md):
# packages chart-src/ into charts/, then runs `helm repo index`, `helm repo add` and `helm search repo`.
# Packaging is not byte-reproducible (tar times), so charts/ and every golden must be committed together.
# Run from anywhere: testdata/record.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
helm="$("$here/../../../../../shared/tools/reference-helm" v4.2.4)"
bitnami_gz="$here/../../../../../shared/bench-data/bitnami-full-index.yaml.gz"
port=18734

tmp="$(mktemp -d)"
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
# Isolated Helm home: nothing touches the real ~/.config/helm or ~/.cache/helm.
export HOME="$tmp/home" HELM_REPOSITORY_CONFIG="$tmp/home/repositories.yaml" HELM_REPOSITORY_CACHE="$tmp/home/cache"
mkdir -p "$HOME"
cd "$here"

# 1. charts/: libkit and metricsd at the top, webapp 1.4.2 nested in sub/, webapp 1.5.0-rc.1 (prerelease) at the top.
rm -rf charts && mkdir -p charts/sub
"$helm" package chart-src/libkit -d charts >/dev/null
cp -a chart-src/metricsd "$tmp/metricsd"       # metricsd depends on libkit: vendor the package we just built.
mkdir -p "$tmp/metricsd/charts" && cp charts/libkit-1.2.0.tgz "$tmp/metricsd/charts/"
"$helm" package "$tmp/metricsd" -d charts >/dev/null
"$helm" package chart-src/webapp -d charts/sub >/dev/null
"$helm" package chart-src/webapp --version 1.5.0-rc.1 --app-version 2.4.0-rc.1 -d charts >/dev/null

# 2. helm repo index goldens, each on a fresh copy of charts/.
index() {  # index GOLDEN ARGS...
  local out="$1"; shift
  rm -rf "$tmp/idx" && cp -r charts "$tmp/idx"
  "$helm" repo index "$tmp/idx" "$@"
  cp "$tmp/idx/index.yaml" "$out"
}
index golden-index-url.yaml --url https://example.com/charts
index golden-index-nourl.yaml
index golden-index.json --json
index golden-index-merge.yaml --url https://example.com/charts --merge merge-base.yaml

# 3. A local server: / serves golden-index-url.yaml, /bitnami/ serves the public Bitnami index.
mkdir -p "$tmp/serve/bitnami"
cp golden-index-url.yaml "$tmp/serve/index.yaml"
gzip -dc "$bitnami_gz" > "$tmp/serve/bitnami/index.yaml"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$tmp/serve" >/dev/null 2>&1 &
server=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/index.yaml" >/dev/null && break; sleep 0.1; done

# 4. golden-repositories.yaml
"$helm" repo add myrepo "http://127.0.0.1:$port" >/dev/null
"$helm" repo add second "http://127.0.0.1:$port/" --username u --password p --insecure-skip-tls-verify \
  --pass-credentials >/dev/null
cp "$HELM_REPOSITORY_CONFIG" golden-repositories.yaml

# 5. search/*.json over two repositories, bitnami and myrepo. Keep in sync with search_test.cc.
"$helm" repo remove second >/dev/null
"$helm" repo add bitnami "http://127.0.0.1:$port/bitnami" >/dev/null
rm -rf search && mkdir search
search() {  # search NAME ARGS...
  local name="$1"; shift
  "$helm" search repo "$@" -o json > "search/$name.json"
}
search redis redis
search regexp-reds red.s --regexp
search postgres-versions postgresql --versions --version '^15'
search devel-database database --devel
search sql sql
search all
search keyword-workflow workflow
search libkit libkit
search description-kubelet kubelet
search webapp-versions webapp --versions
search webapp-devel webapp --devel
search webapp-devel-versions webapp --devel --versions
search regexp-mine 'myrepo/(web|lib)[a-z]+' --regexp
echo "recorded charts/ and every golden in $here"
