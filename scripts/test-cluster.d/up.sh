#!/usr/bin/env bash
# Start a single-machine, loopback-only Kubernetes control plane for Helm tests:
#   etcd -> kube-apiserver -> (optional) kube-controller-manager + kube-scheduler + kwok (fake kubelet)
# Everything listens on 127.0.0.1 only. PIDs go to $STATE/*.pid; stop with down.sh.
#
# Usage: BIN=/path/to/binaries STATE=/tmp/k8s-test MODE=full|apiserver up.sh
#   MODE=apiserver : etcd + kube-apiserver only (envtest-like; no readiness ever)
#   MODE=full      : + kube-controller-manager, kube-scheduler, kwok and one fake Ready node
set -euo pipefail

BIN="${BIN:?set BIN to the directory holding kube-apiserver etc.}"
STATE="${STATE:-/tmp/k8s-test}"
MODE="${MODE:-full}"
ETCD="${ETCD:-${BIN}/etcd}"                 # or /usr/bin/etcd from Debian's etcd-server (3.4.23)
API_PORT="${API_PORT:-16443}"
ETCD_PORT="${ETCD_PORT:-23790}"; ETCD_PEER_PORT="${ETCD_PEER_PORT:-23800}"
KCM_PORT="${KCM_PORT:-10357}"; SCHED_PORT="${SCHED_PORT:-10359}"; KWOK_PORT="${KWOK_PORT:-10347}"
SVC_CIDR="${SVC_CIDR:-10.96.0.0/16}"; SVC_APISERVER_IP="${SVC_APISERVER_IP:-10.96.0.1}"
POD_CIDR="${POD_CIDR:-10.244.0.0/16}"
[[ -x "${ETCD}" ]] || ETCD="$(command -v etcd)"

PKI="${STATE}/pki"; LOG="${STATE}/log"
mkdir -p "${PKI}" "${LOG}"

# ---------- PKI (openssl from Debian) ----------
gen_pki() {
  cd "${PKI}"
  [[ -f ca.crt ]] && return 0
  openssl req -x509 -new -nodes -newkey rsa:2048 -sha256 -days 3650 \
    -keyout ca.key -out ca.crt -subj "/CN=helm-test-ca" 2>/dev/null
  leaf() { # name subject extensions
    openssl req -new -nodes -newkey rsa:2048 -keyout "$1.key" -out "$1.csr" -subj "$2" 2>/dev/null
    openssl x509 -req -sha256 -days 365 -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial \
      -out "$1.crt" -extfile <(printf '%s\n' "$3") 2>/dev/null
    rm -f "$1.csr"
  }
  leaf apiserver "/CN=kube-apiserver" \
"basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,IP:127.0.0.1,IP:${SVC_APISERVER_IP}"
  local client="basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=clientAuth"
  leaf admin "/O=system:masters/CN=kubernetes-admin" "${client}"
  leaf kcm "/CN=system:kube-controller-manager" "${client}"
  leaf scheduler "/CN=system:kube-scheduler" "${client}"
  openssl genrsa -out sa.key 2048 2>/dev/null
  openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
  # static bearer token, as a second way in (CSV: token,user,uid,"groups")
  printf '%s,token-admin,token-admin-uid,"system:masters"\n' "$(openssl rand -hex 16)" > tokens.csv
  chmod 600 ./*.key tokens.csv
}

kubeconfig() { # file user cert key
  cat > "$1" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: helm-test
  cluster:
    server: https://127.0.0.1:${API_PORT}
    certificate-authority: ${PKI}/ca.crt
users:
- name: $2
  user:
    client-certificate: ${PKI}/$3.crt
    client-key: ${PKI}/$3.key
contexts:
- name: helm-test
  context: {cluster: helm-test, user: $2, namespace: default}
current-context: helm-test
EOF
}

start() { # name cmd...
  local name="$1"; shift
  "$@" >"${LOG}/${name}.log" 2>&1 &
  echo $! > "${STATE}/${name}.pid"
}

wait_for() { # description timeout-seconds command...
  local what="$1" t="$2"; shift 2
  for ((i = 0; i < t * 2; i++)); do
    if "$@" >/dev/null 2>&1; then echo "ready: ${what} ($((i / 2))s)"; return 0; fi
    sleep 0.5
  done
  echo "timeout waiting for ${what}" >&2; return 1
}

gen_pki
kubeconfig "${STATE}/admin.kubeconfig" kubernetes-admin admin
kubeconfig "${STATE}/kcm.kubeconfig" system:kube-controller-manager kcm
kubeconfig "${STATE}/scheduler.kubeconfig" system:kube-scheduler scheduler

# ---------- etcd ----------
start etcd "${ETCD}" --name helm-test --data-dir "${STATE}/etcd" \
  --listen-client-urls "http://127.0.0.1:${ETCD_PORT}" --advertise-client-urls "http://127.0.0.1:${ETCD_PORT}" \
  --listen-peer-urls "http://127.0.0.1:${ETCD_PEER_PORT}" --initial-advertise-peer-urls "http://127.0.0.1:${ETCD_PEER_PORT}" \
  --initial-cluster "helm-test=http://127.0.0.1:${ETCD_PEER_PORT}" \
  --listen-metrics-urls "http://127.0.0.1:$((ETCD_PORT + 20))" \
  --quota-backend-bytes=2147483648 ${ETCD_EXTRA_FLAGS:-}
# etcd >= 3.5 only: ETCD_EXTRA_FLAGS=--unsafe-no-fsync makes a throw-away test etcd faster.
wait_for etcd 30 curl -fsS "http://127.0.0.1:${ETCD_PORT}/health"
[[ "${MODE}" == etcd ]] && exit 0

# ---------- kube-apiserver ----------
extra_api=()
# Without KCM nobody creates the "default" ServiceAccount, and the ServiceAccount admission
# plugin would reject every Pod; envtest-style setups switch it off.
[[ "${MODE}" == apiserver ]] && extra_api+=(--disable-admission-plugins=ServiceAccount)
start kube-apiserver "${BIN}/kube-apiserver" \
  --etcd-servers="http://127.0.0.1:${ETCD_PORT}" \
  --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="${API_PORT}" \
  --tls-cert-file="${PKI}/apiserver.crt" --tls-private-key-file="${PKI}/apiserver.key" \
  --client-ca-file="${PKI}/ca.crt" --token-auth-file="${PKI}/tokens.csv" \
  --service-account-issuer=https://kubernetes.default.svc.cluster.local \
  --service-account-key-file="${PKI}/sa.pub" --service-account-signing-key-file="${PKI}/sa.key" \
  --service-cluster-ip-range="${SVC_CIDR}" \
  --authorization-mode=Node,RBAC --allow-privileged=true \
  --cert-dir="${STATE}/apiserver-certs" --profiling=false --v=1 "${extra_api[@]}"
# --advertise-address=127.0.0.1: needed where no default route exists (apiserver >=1.35 route
# detection); the "kubernetes" Service then has no endpoints and the apiserver logs
# 'may not be in the loopback range' (kubernetes/kubernetes#29374) - harmless here.
wait_for kube-apiserver 120 curl -fsS --cacert "${PKI}/ca.crt" --cert "${PKI}/admin.crt" --key "${PKI}/admin.key" \
  "https://127.0.0.1:${API_PORT}/readyz"
[[ "${MODE}" == apiserver ]] && { echo "KUBECONFIG=${STATE}/admin.kubeconfig"; exit 0; }

# ---------- kube-controller-manager / kube-scheduler ----------
start kube-controller-manager "${BIN}/kube-controller-manager" \
  --kubeconfig="${STATE}/kcm.kubeconfig" \
  --authentication-kubeconfig="${STATE}/kcm.kubeconfig" --authorization-kubeconfig="${STATE}/kcm.kubeconfig" \
  --bind-address=127.0.0.1 --secure-port="${KCM_PORT}" --leader-elect=false \
  --service-account-private-key-file="${PKI}/sa.key" --root-ca-file="${PKI}/ca.crt" \
  --cluster-signing-cert-file="${PKI}/ca.crt" --cluster-signing-key-file="${PKI}/ca.key" \
  --use-service-account-credentials=true --controllers='*' \
  --enable-hostpath-provisioner=true --v=1
# --use-service-account-credentials=true (as kubeadm does): each controller acts as its own
# kube-system ServiceAccount bound to the bootstrap system:controller:* roles; the
# system:kube-controller-manager user alone lacks the controllers' permissions.
# --enable-hostpath-provisioner: KCM itself provisions PVs for StorageClass provisioner
# kubernetes.io/host-path (directories under /tmp/hostpath_pv); test/dev only, single node.
start kube-scheduler "${BIN}/kube-scheduler" \
  --kubeconfig="${STATE}/scheduler.kubeconfig" \
  --authentication-kubeconfig="${STATE}/scheduler.kubeconfig" --authorization-kubeconfig="${STATE}/scheduler.kubeconfig" \
  --bind-address=127.0.0.1 --secure-port="${SCHED_PORT}" --leader-elect=false --v=1
wait_for kube-controller-manager 60 curl -fsSk "https://127.0.0.1:${KCM_PORT}/healthz"
wait_for kube-scheduler 60 curl -fsSk "https://127.0.0.1:${SCHED_PORT}/healthz"

# ---------- kwok: fake kubelet for nodes annotated kwok.x-k8s.io/node=fake ----------
{
  for f in "${BIN}"/kwok-stages/*.yaml "$(dirname "$0")"/helm-hook-pod-complete.yaml; do
    [[ -f "$f" ]] && { cat "$f"; echo '---'; }
  done
} > "${STATE}/kwok.yaml"
start kwok "${BIN}/kwok" --kubeconfig="${STATE}/admin.kubeconfig" --config="${STATE}/kwok.yaml" \
  --manage-all-nodes=false --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake \
  --disregard-status-with-annotation-selector=kwok.x-k8s.io/status=custom \
  --cidr="${POD_CIDR}" --node-ip=127.0.0.1 --server-address="127.0.0.1:${KWOK_PORT}"

KC=("${BIN}/kubectl" --kubeconfig="${STATE}/admin.kubeconfig")
"${KC[@]}" apply -f - <<'EOF'
apiVersion: v1
kind: Node
metadata:
  name: kwok-node-0
  annotations: {kwok.x-k8s.io/node: fake, node.alpha.kubernetes.io/ttl: "0"}
  labels: {kubernetes.io/hostname: kwok-node-0, kubernetes.io/os: linux, kubernetes.io/arch: amd64, type: kwok}
spec: {}
status:
  allocatable: {cpu: "32", memory: 256Gi, pods: "110"}
  capacity: {cpu: "32", memory: 256Gi, pods: "110"}
---
# PVCs of class "standard" are provisioned (and deleted again) by KCM's test-only hostPath provisioner.
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: standard
  annotations: {storageclass.kubernetes.io/is-default-class: "true"}
provisioner: kubernetes.io/host-path
reclaimPolicy: Delete
volumeBindingMode: Immediate
EOF
wait_for "node Ready" 60 "${KC[@]}" wait --for=condition=Ready node/kwok-node-0 --timeout=1s
wait_for "default ServiceAccount" 60 "${KC[@]}" get serviceaccount default -n default
echo "KUBECONFIG=${STATE}/admin.kubeconfig"
