#!/usr/bin/env bash
# A real Kubernetes control plane on loopback, for the integration tests and for trying the operator without a
# cluster: etcd (Debian's etcd-server) plus kube-apiserver, kube-controller-manager and kubectl 1.20.2, built from
# Debian's own kubernetes source package. There is no scheduler and no kubelet: pods stay Pending.
#   k8s-control-plane.sh build       build once, cached in ${FLINKOP_CACHE:-~/.cache/flinkop}/k8s-1.20.2, and print
#                                    the directory holding the binaries; later calls return at once
#   k8s-control-plane.sh start DIR   start in DIR (writes DIR/kubeconfig, DIR/env and DIR/*.pid); prints the
#                                    kubeconfig path
#   k8s-control-plane.sh stop DIR    stop what start DIR started, by PID
set -euo pipefail
VERSION=1.20.2
CACHE=${FLINKOP_CACHE:-$HOME/.cache/flinkop}/k8s-$VERSION
BINARIES=(kube-apiserver kube-controller-manager kubectl)
PACKAGES=(golang-go etcd-server rsync jq openssl golang-github-modern-go-reflect2-dev)
# bump when the way the binaries are built changes, so caches made before are built again
LAYOUT=$CACHE/.layout-1
cmd=${1:-}

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

install_missing() {
  local missing=() p
  for p in "$@"; do installed "$p" || missing+=("$p"); done
  [ "${#missing[@]}" -eq 0 ] && return 0
  echo "installing: ${missing[*]}" >&2
  as_root apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
}

built() {
  local b
  [ -f "$LAYOUT" ] || return 1
  for b in "${BINARIES[@]}"; do [ -x "$CACHE/$b" ] || return 1; done
}

# apt-get source needs a deb-src twin of the machine's Debian entry; add one only when there is none
ensure_deb_src() {
  if grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/; then return 0; fi
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
      | as_root tee /etc/apt/sources.list.d/flinkop-debian-src.sources >/dev/null
  else
    grep -hE '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' \
      | as_root tee /etc/apt/sources.list.d/flinkop-debian-src.list >/dev/null
  fi
  as_root apt-get update -qq >/dev/null
}

# Debian's tree, made buildable with GOPATH and the Go Debian ships
prepare_tree() {
  local tree=$1
  cd "$tree"
  [ -f pkg/generated/openapi/zz_generated.openapi.go ] || make generated_files >"$CACHE/generate.log" 2>&1
  # the source archive carries no version numbers; clients parse /version, so give it the release's
  for f in staging/src/k8s.io/component-base/version/base.go staging/src/k8s.io/client-go/pkg/version/base.go; do
    sed -i -e 's/^\(\s*gitMajor\) string.*/\1 string = "1"/' -e 's/^\(\s*gitMinor\) string.*/\1 string = "20"/' \
      -e "s/^\(\s*gitVersion\s*=\).*/\1 \"v$VERSION\"/" -e 's/^\(\s*gitTreeState\s*=\).*/\1 "clean"/' "$f"
  done
  # two fixes this tree needs under Go >= 1.18, both taken from later releases of the libraries concerned:
  # reflect2 1.0.1 crashes the apiserver on the first custom-resource write (Debian ships 1.0.2), and
  # kube-openapi's type check treats "" as null, refusing custom resources that hold empty strings.
  rm -rf vendor/github.com/modern-go/reflect2
  cp -r /usr/share/gocode/src/github.com/modern-go/reflect2 vendor/github.com/modern-go/
  sed -i 's/if data == nil || reflect.DeepEqual(reflect.Zero(reflect.TypeOf(data)), reflect.ValueOf(data)) {/if data == nil {/' \
    vendor/k8s.io/kube-openapi/pkg/validation/validate/type.go
}

build_locked() {
  built && return 0
  install_missing "${PACKAGES[@]}"
  ensure_deb_src
  mkdir -p "$CACHE/src"
  cd "$CACHE/src"
  ls kubernetes_*.orig.tar.gz >/dev/null 2>&1 || apt-get source --download-only kubernetes >/dev/null 2>&1
  [ -d "kubernetes-$VERSION" ] || tar xzf kubernetes_*.orig.tar.gz
  prepare_tree "$CACHE/src/kubernetes-$VERSION"
  mkdir -p "$CACHE/gopath/src/k8s.io"
  ln -sfn "$CACHE/src/kubernetes-$VERSION" "$CACHE/gopath/src/k8s.io/kubernetes"
  cd "$CACHE/gopath/src/k8s.io/kubernetes"
  local b
  for b in "${BINARIES[@]}"; do
    echo "building $b $VERSION (several minutes the first time)" >&2
    GO111MODULE=off GOPATH="$CACHE/gopath" GOFLAGS= go build -o "$CACHE/$b.tmp" "./cmd/$b" >"$CACHE/build-$b.log" 2>&1 \
      || { cat "$CACHE/build-$b.log" >&2; exit 2; }
    mv "$CACHE/$b.tmp" "$CACHE/$b"
  done
  touch "$LAYOUT"
}

build() {
  if ! built; then
    mkdir -p "$CACHE"
    # one build at a time, even when several test runs ask at once
    exec 9>"$CACHE/.lock"
    flock 9
    (build_locked)
    flock -u 9
  fi
  echo "$CACHE"
}

freeport() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()'
    return
  fi
  local p
  while :; do
    p=$((20000 + RANDOM % 30000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}

start() {
  local d=$1
  mkdir -p "$d"
  d=$(cd "$d" && pwd)
  build >/dev/null
  installed etcd-server || install_missing etcd-server
  local ec ep ap kp token
  ec=$(freeport); ep=$(freeport); ap=$(freeport); kp=$(freeport)
  token=$(openssl rand -hex 16)
  if [ ! -f "$d/sa.key" ]; then
    openssl genrsa -out "$d/sa.key" 2048 2>/dev/null
    openssl rsa -in "$d/sa.key" -pubout -out "$d/sa.pub" 2>/dev/null
  fi
  echo "$token,admin,1,system:masters" >"$d/tokens.csv"
  etcd --data-dir "$d/etcd" --listen-client-urls "http://127.0.0.1:$ec" --advertise-client-urls "http://127.0.0.1:$ec" \
    --listen-peer-urls "http://127.0.0.1:$ep" >"$d/etcd.log" 2>&1 &
  echo $! >"$d/etcd.pid"
  "$CACHE/kube-apiserver" --etcd-servers="http://127.0.0.1:$ec" --bind-address=127.0.0.1 --advertise-address=127.0.0.1 \
    --secure-port="$ap" --insecure-port=0 --cert-dir="$d/certs" --authorization-mode=RBAC --token-auth-file="$d/tokens.csv" \
    --service-account-issuer=https://kubernetes.default.svc --service-account-key-file="$d/sa.pub" \
    --service-account-signing-key-file="$d/sa.key" --service-cluster-ip-range=10.96.0.0/16 \
    --disable-admission-plugins=ServiceAccount >"$d/apiserver.log" 2>&1 &
  echo $! >"$d/apiserver.pid"
  cat >"$d/kubeconfig" <<KC
apiVersion: v1
kind: Config
clusters: [{name: local, cluster: {server: "https://127.0.0.1:$ap", insecure-skip-tls-verify: true}}]
users: [{name: admin, user: {token: $token}}]
contexts: [{name: local, context: {cluster: local, user: admin, namespace: default}}]
current-context: local
KC
  printf 'KUBE_API=https://127.0.0.1:%s\nKUBE_TOKEN=%s\nKUBECONFIG=%s\nKUBECTL=%s\n' "$ap" "$token" "$d/kubeconfig" "$CACHE/kubectl" >"$d/env"
  local ready=""
  for _ in $(seq 1 240); do
    if curl -skf -H "Authorization: Bearer $token" "https://127.0.0.1:$ap/readyz" >/dev/null 2>&1; then ready=1; break; fi
    sleep 0.5
  done
  if [ -z "$ready" ]; then
    echo "kube-apiserver did not become ready; see $d/apiserver.log" >&2
    stop "$d"
    exit 1
  fi
  "$CACHE/kube-controller-manager" --kubeconfig="$d/kubeconfig" --bind-address=127.0.0.1 --secure-port="$kp" --port=0 \
    --controllers='*,-serviceaccount-token' --service-account-private-key-file="$d/sa.key" --leader-elect=false \
    >"$d/kcm.log" 2>&1 &
  echo $! >"$d/kcm.pid"
  echo "$d/kubeconfig"
}

stop() {
  local d=$1 p pid
  for p in kcm apiserver etcd; do
    [ -f "$d/$p.pid" ] || continue
    pid=$(cat "$d/$p.pid")
    kill "$pid" 2>/dev/null || true
    # wait for it to end (the API server shuts down gracefully), then make sure
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$d/$p.pid"
  done
}

case $cmd in
  build) build ;;
  start) start "${2:?usage: $0 start DIR}" ;;
  stop) stop "${2:?usage: $0 stop DIR}" ;;
  *) echo "usage: $0 build|start DIR|stop DIR" >&2; exit 2 ;;
esac
