#!/usr/bin/env bash
# Build a real Kubernetes control plane purely from the Go module proxy:
#   kube-apiserver, kube-controller-manager, kube-scheduler, kubectl  (k8s.io/kubernetes wrapper module)
#   etcd                                                              (go.etcd.io/etcd wrapper module)
#   kwok                                                               (plain `go install`, no replace directives)
#
# Why a wrapper: k8s.io/kubernetes requires its ~31 staging modules at the non-existent version
# v0.0.0 and maps them with `replace => ./staging/src/k8s.io/...`; replace directives of a
# dependency are ignored and `go install pkg@version` refuses modules that carry them
# (kubernetes/kubernetes#79384, golang/go#44840). The wrapper pins every staging module
# to its published v0.<minor>.<patch> twin.
#
# Usage: K8S_VERSION=v1.36.3 ETCD_VERSION=v3.6.16 KWOK_VERSION=v0.8.0 OUT=/path/bin ./build-k8s-bins.sh
# Optional: K8S_BIN_CACHE=/some/dir  (binaries are reused when the version key matches)
set -euo pipefail

K8S_VERSION="${K8S_VERSION:-v1.36.3}"       # must be a k8s.io/kubernetes tag served by the proxy
ETCD_VERSION="${ETCD_VERSION:-v3.6.16}"     # go.etcd.io/etcd/server/v3 tag served by the proxy
KWOK_VERSION="${KWOK_VERSION:-v0.8.0}"      # sigs.k8s.io/kwok tag (go 1.26.0, no replace directives)
BUILD_KUBECTL="${BUILD_KUBECTL:-1}"
BUILD_CONTROLLERS="${BUILD_CONTROLLERS:-1}" # kube-controller-manager + kube-scheduler

export GOTOOLCHAIN="${GOTOOLCHAIN:-local}"  # fail loudly instead of silently fetching another toolchain
export CGO_ENABLED=0                        # upstream builds these server binaries static

GOVER="$(go env GOVERSION)"
KEY="k8s-${K8S_VERSION}_etcd-${ETCD_VERSION}_kwok-${KWOK_VERSION}_${GOVER}_$(go env GOOS)-$(go env GOARCH)"
if [[ -n "${K8S_BIN_CACHE:-}" ]]; then
  OUT="${OUT:-${K8S_BIN_CACHE}/${KEY}}"
  # Let repeated builds reuse compiled packages and downloaded modules as well.
  export GOCACHE="${GOCACHE:-${K8S_BIN_CACHE}/gocache}"
  export GOMODCACHE="${GOMODCACHE:-${K8S_BIN_CACHE}/gomodcache}"
else
  OUT="${OUT:-${PWD}/.k8s-bin/${KEY}}"
fi
mkdir -p "${OUT}"
if [[ -f "${OUT}/.complete" ]]; then
  echo "cached: ${OUT}"; exit 0
fi

WORK="$(mktemp -d)"
trap 'rm -rf "${WORK}"' EXIT

minor="${K8S_VERSION#v1.}"; minor="${minor%%.*}"
STAGING_VERSION="v0.${K8S_VERSION#v1.}"     # v1.36.3 -> v0.36.3 (the published staging tag)

# --- 1. staging module list, read from k8s.io/kubernetes's own go.mod as served by the proxy ---
gomod="$(go mod download -json "k8s.io/kubernetes@${K8S_VERSION}" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",*$/\1/p')"
[[ -f "${gomod}" ]] || { echo "could not fetch go.mod of k8s.io/kubernetes@${K8S_VERSION}" >&2; exit 1; }
# Every module that k8s.io/kubernetes requires at the placeholder version v0.0.0 is a staging module.
mapfile -t STAGING < <(awk '
  /^require[[:space:]]*\(/ {inreq=1; next}
  inreq && /^\)/            {inreq=0; next}
  inreq && $2 == "v0.0.0"   {print $1}
  /^require[[:space:]]+[^(]/ && $3 == "v0.0.0" {print $2}
' "${gomod}" | sort -u)
echo "staging modules (${#STAGING[@]}): ${STAGING[*]}"
(( ${#STAGING[@]} >= 25 )) || { echo "unexpectedly few staging modules" >&2; exit 1; }
k8s_go="$(awk '$1=="go"{print $2; exit}' "${gomod}")"
k8s_godebug="$(awk '$1=="godebug"{print $2; exit}' "${gomod}")"

# --- 2. wrapper module ---
mkdir -p "${WORK}/k8s" && cd "${WORK}/k8s"
go mod init local.test/k8s-build >/dev/null 2>&1
go mod edit -go="${k8s_go}" -require="k8s.io/kubernetes@${K8S_VERSION}"
[[ -n "${k8s_godebug}" ]] && go mod edit -godebug="${k8s_godebug}"
args=()
for m in "${STAGING[@]}"; do
  args+=("-require=${m}@${STAGING_VERSION}" "-replace=${m}=${m}@${STAGING_VERSION}")
done
go mod edit "${args[@]}"

PKGS=(k8s.io/kubernetes/cmd/kube-apiserver)
[[ "${BUILD_CONTROLLERS}" == 1 ]] && PKGS+=(k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kube-scheduler)
[[ "${BUILD_KUBECTL}" == 1 ]] && PKGS+=(k8s.io/kubernetes/cmd/kubectl)

# Resolve the packages' dependencies and write go.sum (no Go file of ours imports them,
# so `go mod tidy` would not do it; `go get pkg@version` does).
go get "${PKGS[@]/%/@${K8S_VERSION}}"

# --- 3. build, with the version stamps hack/lib/version.sh would set ---
# Without them /version reports "v0.0.0-master+$Format:%H$", which breaks Helm's
# kubeVersion checks and .Capabilities.KubeVersion.
bdate="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
ldflags="-s -w"
for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ldflags+=" -X ${p}.gitVersion=${K8S_VERSION} -X ${p}.gitMajor=1 -X ${p}.gitMinor=${minor}"
  ldflags+=" -X ${p}.gitTreeState=clean -X ${p}.buildDate=${bdate}"
done
time go build -mod=mod -trimpath -ldflags "${ldflags}" -o "${OUT}/" "${PKGS[@]}"

# --- 4. etcd from its own wrapper (go.etcd.io/etcd/server/v3 is a main package, but its go.mod
#        has replace directives (../api, ../client/...), so `go install ...@version` is refused) ---
mkdir -p "${WORK}/etcd" && cd "${WORK}/etcd"
go mod init local.test/etcd-build >/dev/null 2>&1
# Only the server: the tests talk to etcd through kube-apiserver (etcdctl is not served for every tag).
go get "go.etcd.io/etcd/server/v3@${ETCD_VERSION}"
time go build -mod=mod -trimpath -ldflags "-s -w" -o "${OUT}/etcd" go.etcd.io/etcd/server/v3

# --- 5. kwok (fake kubelet); plain go install works, its go.mod has no replace directives ---
GOBIN="${OUT}" go install -trimpath -ldflags "-s -w" "sigs.k8s.io/kwok/cmd/kwok@${KWOK_VERSION}"
# kwok's default Stage manifests ship inside the module; keep a copy beside the binaries.
kwokdir="$(go mod download -json "sigs.k8s.io/kwok@${KWOK_VERSION}" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p')"
mkdir -p "${OUT}/kwok-stages"
cp "${kwokdir}/kustomize/stage/node/fast/node-initialize.yaml" \
   "${kwokdir}/kustomize/stage/node/heartbeat/node-heartbeat.yaml" \
   "${kwokdir}/kustomize/stage/pod/fast/pod-ready.yaml" \
   "${kwokdir}/kustomize/stage/pod/fast/pod-complete.yaml" \
   "${kwokdir}/kustomize/stage/pod/fast/pod-delete.yaml" "${OUT}/kwok-stages/"
chmod u+w "${OUT}"/kwok-stages/*

"${OUT}/kube-apiserver" --version
[[ -x "${OUT}/kubectl" ]] && "${OUT}/kubectl" version --client
"${OUT}/etcd" --version | head -1
date -u > "${OUT}/.complete"
echo "binaries in ${OUT}"
