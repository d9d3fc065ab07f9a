#!/usr/bin/env bash
# Registry benchmark (issue 6, Performance): drydock's registry and Debian's docker-registry
# (distribution 2.8), side by side in one run on loopback: push and pull of a ~100 MB image with
# skopeo and with the docker CLI (median of RUNS), manifest GET rate with wrk and blob HEAD rate
# with ab (requests/s, p50, p99), and each server's peak RSS (VmHWM).
#
# Two modes:
#   MODE=secure (default) the realistic setup: both servers over TLS with certificates from one
#     CA (openssl, EC P-256); drydock with its token auth (user 'admin' and the secret its first
#     start writes; clients fetch Bearer tokens from /auth/token), docker-registry with htpasswd
#     (bcrypt) Basic auth. Both listen on ::1 under a host name added to /etc/hosts, because
#     dockerd treats 127.0.0.0/8 as insecure and would not verify TLS there; dockerd trusts the CA
#     through /etc/docker/certs.d/<host:port>/ca.crt. Hosts line and certs.d entries are removed
#     at exit. The load generators send one pre-fetched Bearer token (drydock; pull scope for the
#     benchmark repository) or the Basic header (reference) with every request.
#   MODE=plain  both plain HTTP on 127.0.0.1 without auth (drydock --insecure-loopback-http), so
#     the comparison is protocol cost only.
#
# Usage (root; dockerd running; skopeo, wrk, ab (apache2-utils), htpasswd, openssl, curl and
# docker-registry installed):
#   bench/registry.sh                 DRYDOCK_JAR (default drydock-cli/target/drydock.jar) must exist
#   MODE=plain RUNS=5 bench/registry.sh
#   bench/registry.sh --clean         remove $WORK and the benchmark images
# Environment: WORK (default /tmp/drydock-registry-bench), RUNS (push/pull repetitions, default 3),
#   DURATION (wrk/ab seconds, default 10), WARMUP (unrecorded wrk seconds first, default 5), CONNECTIONS (default 64), THREADS (wrk, default 4),
#   DOCKER=0 skips the docker CLI push/pull, HOST (secure mode host name, default
#   drydock-bench.registry.test).
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
MODE=${MODE:-secure}
WORK=${WORK:-/tmp/drydock-registry-bench}
RUNS=${RUNS:-3}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-5}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-4}
DOCKER=${DOCKER:-1}
JAR=${DRYDOCK_JAR:-$ROOT/drydock-cli/target/drydock.jar}
JDK=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
IMAGE=drydock-bench/registry:1
DD_PORT=5101
REF_PORT=5102
REF_USER=bench
REF_PASS=bench-$RANDOM$RANDOM

if [ "${1:-}" = "--clean" ]; then
  rm -rf "$WORK"; docker rmi -f "$IMAGE" >/dev/null 2>&1 || true; exit 0
fi
case "$MODE" in secure|plain) ;; *) echo "registry.sh: MODE is secure or plain" >&2; exit 2;; esac
for tool in skopeo wrk ab docker-registry docker curl; do
  command -v "$tool" >/dev/null || { echo "registry.sh: needs $tool" >&2; exit 3; }
done
if [ "$MODE" = secure ]; then
  for tool in openssl htpasswd; do
    command -v "$tool" >/dev/null || { echo "registry.sh: needs $tool" >&2; exit 3; }
  done
fi
[ -f "$JAR" ] || { echo "registry.sh: no $JAR; build the CLI or set DRYDOCK_JAR" >&2; exit 3; }

mkdir -p "$WORK/logs"
PIDS=()
HOSTS_LINE=""
CERTS_D_MADE=()
DOCKER_CREATED=0
cleanup() {
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  if [ -n "$HOSTS_LINE" ]; then
    grep -vxF "$HOSTS_LINE" /etc/hosts > "$WORK/hosts.tmp" || true
    cat "$WORK/hosts.tmp" > /etc/hosts   # rewrite in place: /etc/hosts may be a bind mount
  fi
  for d in "${CERTS_D_MADE[@]:-}"; do [ -n "$d" ] && rm -rf "$d"; done
  if [ "$DOCKER_CREATED" = 1 ]; then rmdir /etc/docker/certs.d 2>/dev/null || true; fi
}
trap cleanup EXIT

# A ~100 MB image of incompressible data in one layer, exported once as an OCI layout.
if [ ! -f "$WORK/oci/index.json" ]; then
  rm -rf "$WORK/rootfs" "$WORK/oci"; mkdir -p "$WORK/rootfs"
  head -c 100000000 /dev/urandom > "$WORK/rootfs/payload"
  tar -C "$WORK/rootfs" -cf "$WORK/rootfs.tar" .
  docker import "$WORK/rootfs.tar" "$IMAGE" >/dev/null
  skopeo copy -q "docker-daemon:$IMAGE" "oci:$WORK/oci:1"
fi

# The servers: fresh storage each run.
rm -rf "$WORK/drydock" "$WORK/reference" "$WORK/tls" "$WORK/docker-config"
if [ "$MODE" = secure ]; then
  HOST=${HOST:-drydock-bench.registry.test}
  ADDR_DD="[::1]:$DD_PORT"; ADDR_REF="[::1]:$REF_PORT"
  SCHEME=https
  # One CA, one server certificate for both servers (EC P-256, like drydock pki).
  T="$WORK/tls"; mkdir -p "$T"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$T/ca.key" \
    -out "$T/ca.crt" -days 2 -subj "/CN=drydock bench CA" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$T/server.key" \
    -out "$T/server.csr" -subj "/CN=$HOST" 2>/dev/null
  printf 'subjectAltName=DNS:%s,IP:::1\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature\n' \
    "$HOST" > "$T/ext.cnf"
  openssl x509 -req -in "$T/server.csr" -CA "$T/ca.crt" -CAkey "$T/ca.key" -CAcreateserial \
    -days 2 -extfile "$T/ext.cnf" -out "$T/server.crt" 2>/dev/null
  cat "$T/server.crt" "$T/ca.crt" > "$T/chain.crt"
  openssl pkcs8 -topk8 -nocrypt -in "$T/server.key" -out "$T/server.pk8"
  mkdir -p "$T/certdir"; cp "$T/ca.crt" "$T/certdir/ca.crt"   # skopeo --cert-dir
  # The host name for docker; removed at exit.
  if ! grep -qxF "::1 $HOST" /etc/hosts; then
    HOSTS_LINE="::1 $HOST"; echo "$HOSTS_LINE" >> /etc/hosts
  fi
  [ -d /etc/docker/certs.d ] || DOCKER_CREATED=1
  for port in $DD_PORT $REF_PORT; do
    d="/etc/docker/certs.d/$HOST:$port"
    [ -e "$d" ] || { mkdir -p "$d"; CERTS_D_MADE+=("$d"); }
    cp "$T/ca.crt" "$d/ca.crt"
  done
  # The reference: htpasswd with bcrypt (htpasswd -B, its default cost 5).
  htpasswd -Bbc "$T/htpasswd" "$REF_USER" "$REF_PASS" 2>/dev/null
  DD_FLAGS=(--listen "$ADDR_DD" --tls-cert "$T/chain.crt" --tls-key "$T/server.pk8" --tls-ca "$T/ca.crt")
  REF_HTTP="http: {addr: \"$ADDR_REF\", tls: {certificate: $T/chain.crt, key: $T/server.key}}
auth: {htpasswd: {realm: bench, path: $T/htpasswd}}"
  CURL_TLS=(--cacert "$T/ca.crt")
else
  HOST=127.0.0.1
  ADDR_DD="127.0.0.1:$DD_PORT"; ADDR_REF="127.0.0.1:$REF_PORT"
  SCHEME=http
  DD_FLAGS=(--listen "$ADDR_DD" --insecure-loopback-http)
  REF_HTTP="http: {addr: $ADDR_REF}"
  CURL_TLS=()
fi

# The flags bin/drydock runs with.
"$JDK/bin/java" -XX:+UseSerialGC -jar "$JAR" registry serve "${DD_FLAGS[@]}" --data "$WORK/drydock" \
  > "$WORK/logs/drydock.log" 2>&1 &
PIDS+=($!); DD_PID=$!
cat > "$WORK/reference.yml" <<EOF
version: 0.1
log: {level: error}
storage:
  filesystem: {rootdirectory: $WORK/reference}
  delete: {enabled: true}
$REF_HTTP
EOF
docker-registry serve "$WORK/reference.yml" > "$WORK/logs/reference.log" 2>&1 &
PIDS+=($!); REF_PID=$!
for port in $DD_PORT $REF_PORT; do
  up=0
  for _ in $(seq 150); do
    # Any HTTP answer (401 included) means the server is up.
    code=$(curl -s -o /dev/null -w '%{http_code}' "${CURL_TLS[@]}" "$SCHEME://$HOST:$port/v2/" || true)
    [ "$code" != 000 ] && { up=1; break; }
    sleep 0.2
  done
  [ $up = 1 ] || { echo "registry.sh: no server on port $port (see $WORK/logs)" >&2; exit 4; }
done

# Credentials per server: user, password, and the header the load generators send.
if [ "$MODE" = secure ]; then
  for _ in $(seq 50); do [ -s "$WORK/drydock/registry/admin.secret" ] && break; sleep 0.2; done
  DD_USER=admin; DD_PASS=$(head -n1 "$WORK/drydock/registry/admin.secret")
fi

seconds() { /usr/bin/time -f %e "$@" 2>&1 >/dev/null | tail -n1; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# A bearer token from drydock's token endpoint for repository:$1:pull (service from the challenge).
drydock_token() {
  local challenge realm service
  challenge=$(curl -s -o /dev/null -D - "${CURL_TLS[@]}" "https://$HOST:$DD_PORT/v2/$1/manifests/x" \
    | tr -d '\r' | grep -i '^www-authenticate:')
  realm=$(sed -n 's/.*realm="\([^"]*\)".*/\1/p' <<< "$challenge")
  service=$(sed -n 's/.*service="\([^"]*\)".*/\1/p' <<< "$challenge")
  DD_SERVICE=$service
  curl -fsS "${CURL_TLS[@]}" -u "$DD_USER:$DD_PASS" -G "$realm" --data-urlencode "service=$service" \
    --data-urlencode "scope=repository:$1:pull" | sed -n 's/.*"token" *: *"\([^"]*\)".*/\1/p'
}

declare -A RESULT
for name in drydock reference; do
  port=$DD_PORT; [ "$name" = reference ] && port=$REF_PORT
  reg="$HOST:$port"
  if [ "$MODE" = secure ]; then
    user=$DD_USER; pass=$DD_PASS
    [ "$name" = reference ] && { user=$REF_USER; pass=$REF_PASS; }
    src_opts=(--src-creds "$user:$pass" --src-cert-dir "$T/certdir")
    dst_opts=(--dest-creds "$user:$pass" --dest-cert-dir "$T/certdir")
    insp_opts=(--creds "$user:$pass" --cert-dir "$T/certdir")
  else
    src_opts=(--src-tls-verify=false); dst_opts=(--dest-tls-verify=false); insp_opts=(--tls-verify=false)
  fi
  push=(); pull=()
  for i in $(seq "$RUNS"); do
    # skopeo remembers where blobs were seen and would mount instead of uploading: forget.
    rm -f /var/lib/containers/cache/blob-info-cache-v1.boltdb "$HOME/.local/share/containers/cache/blob-info-cache-v1.boltdb"
    push+=("$(seconds skopeo copy -q "${dst_opts[@]}" "oci:$WORK/oci:1" "docker://$reg/bench/img$i:1")")
    rm -rf "$WORK/pulled"
    pull+=("$(seconds skopeo copy -q "${src_opts[@]}" "docker://$reg/bench/img$i:1" "dir:$WORK/pulled")")
  done
  RESULT[$name.push]=$(printf '%s\n' "${push[@]}" | median)
  RESULT[$name.pull]=$(printf '%s\n' "${pull[@]}" | median)

  if [ "$DOCKER" = 1 ]; then
    # docker CLI: a private client config; each run pushes a layer the daemon never saw (the
    # payload plus a nonce file), so it can neither skip nor cross-mount it, then removes the
    # image and pulls it back.
    cfg="$WORK/docker-config/$name"; mkdir -p "$cfg"
    if [ "$MODE" = secure ]; then
      docker --config "$cfg" login -u "$user" --password-stdin "$reg" <<< "$pass" > "$WORK/logs/$name-login.txt" 2>&1
    fi
    dpush=(); dpull=()
    for i in $(seq "$RUNS"); do
      ref="$reg/bench/docker$i:1"
      echo "$name-$i-$RANDOM-$(date +%s%N)" > "$WORK/rootfs/nonce"
      tar -C "$WORK/rootfs" -cf - . | docker import - "$ref" >/dev/null
      dpush+=("$(seconds docker --config "$cfg" push "$ref")")
      docker rmi -f "$ref" >/dev/null
      dpull+=("$(seconds docker --config "$cfg" pull "$ref")")
      docker rmi -f "$ref" >/dev/null
    done
    rm -f "$WORK/rootfs/nonce"
    RESULT[$name.dpush]=$(printf '%s\n' "${dpush[@]}" | median)
    RESULT[$name.dpull]=$(printf '%s\n' "${dpull[@]}" | median)
  else
    RESULT[$name.dpush]=-; RESULT[$name.dpull]=-
  fi

  raw=$(skopeo inspect "${insp_opts[@]}" --raw "docker://$reg/bench/img1:1")
  digest=$(printf '%s' "$raw" | sha256sum | cut -d' ' -f1)
  layer=$(printf '%s' "$raw" | grep -o 'sha256:[0-9a-f]\{64\}' | tail -n1)
  auth=()
  if [ "$MODE" = secure ]; then
    if [ "$name" = drydock ]; then
      drydock_token bench/img1 > "$WORK/token"   # not in $(...): DD_SERVICE must stay set
      token=$(cat "$WORK/token")
      [ -n "$token" ] || { echo "registry.sh: no token from drydock" >&2; exit 5; }
      auth=(-H "Authorization: Bearer $token")
    else
      auth=(-H "Authorization: Basic $(printf '%s:%s' "$user" "$pass" | base64 -w0)")
    fi
    # The header works (a 200, not a 401) before measuring.
    code=$(curl -s -o /dev/null -w '%{http_code}' "${CURL_TLS[@]}" "${auth[@]}" \
      -H "Accept: application/vnd.oci.image.manifest.v1+json" "https://$reg/v2/bench/img1/manifests/sha256:$digest")
    [ "$code" = 200 ] || { echo "registry.sh: $name manifest GET with the auth header: HTTP $code" >&2; exit 5; }
  fi
  # Warm-up (not recorded): the JVM's JIT, both servers alike.
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "${auth[@]}" \
    -H "Accept: application/vnd.oci.image.manifest.v1+json" \
    "$SCHEME://$reg/v2/bench/img1/manifests/sha256:$digest" > "$WORK/logs/$name-warmup.txt"
  # The parts of a pull: one 100 MB blob GET with the header already in hand (TLS and the data
  # path), and, for drydock, a token request (Basic credentials checked against the stored hash).
  bget=()
  for i in $(seq "$RUNS"); do
    bget+=("$(curl -fsS -o /dev/null -w '%{time_total}' "${CURL_TLS[@]}" "${auth[@]}" "$SCHEME://$reg/v2/bench/img1/blobs/$layer")")
  done
  RESULT[$name.bget]=$(printf '%s\n' "${bget[@]}" | median)
  RESULT[$name.tokenms]=-
  if [ "$MODE" = secure ] && [ "$name" = drydock ]; then
    tok=()
    for i in 1 2 3 4 5; do
      tok+=("$(curl -fsS -o /dev/null -w '%{time_total}' "${CURL_TLS[@]}" -u "$user:$pass" \
        "https://$reg/auth/token?service=$DD_SERVICE&scope=repository:bench/img1:pull")")
    done
    RESULT[$name.tokenms]=$(printf '%s\n' "${tok[@]}" | median | awk '{printf "%.0f ms", $1*1000}')
  fi
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "${auth[@]}" \
    -H "Accept: application/vnd.oci.image.manifest.v1+json" \
    "$SCHEME://$reg/v2/bench/img1/manifests/sha256:$digest" > "$WORK/logs/$name-manifest.txt"
  # wrk waits for a body after HEAD responses; ab -i sends HEAD (keep-alive, one thread).
  ab -q -k -i -c "$CONNECTIONS" -t "$DURATION" -n 10000000 "${auth[@]}" \
    "$SCHEME://$reg/v2/bench/img1/blobs/$layer" > "$WORK/logs/$name-head.txt" 2>&1 || true
  f="$WORK/logs/$name-manifest.txt"
  RESULT[$name.manifest.rps]=$(awk '/Requests\/sec/ {print $2}' "$f")
  RESULT[$name.manifest.non2xx]=$(awk '/Non-2xx/ {print $NF}' "$f")
  RESULT[$name.manifest.p50]=$(awk '$1=="50%" {print $2}' "$f")
  RESULT[$name.manifest.p99]=$(awk '$1=="99%" {print $2}' "$f")
  f="$WORK/logs/$name-head.txt"
  RESULT[$name.head.rps]=$(awk '/Requests per second/ {print $4}' "$f")
  RESULT[$name.head.non2xx]=$(awk '/Non-2xx/ {print $NF}' "$f")
  RESULT[$name.head.p50]=$(awk '$1=="50%" {print $2 "ms"}' "$f")
  RESULT[$name.head.p99]=$(awk '$1=="99%" {print $2 "ms"}' "$f")
done
RESULT[drydock.rss]=$(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' "/proc/$DD_PID/status")
RESULT[reference.rss]=$(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' "/proc/$REF_PID/status")

{
  echo "MODE=$MODE, $(date -u +%FT%TZ), $(nproc) cores, load average at the end:$(uptime | sed 's/.*load average://')"
  echo
  echo "| ${RUNS} runs; after ${WARMUP}s warm-up, manifest GET: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s; blob HEAD: ab -k -i -c$CONNECTIONS -t$DURATION | drydock | docker-registry 2.8 |"
  echo "|---|---|---|"
  echo "| skopeo push 100 MB (s, median) | ${RESULT[drydock.push]} | ${RESULT[reference.push]} |"
  echo "| skopeo pull 100 MB (s, median) | ${RESULT[drydock.pull]} | ${RESULT[reference.pull]} |"
  echo "| docker push 100 MB (s, median) | ${RESULT[drydock.dpush]} | ${RESULT[reference.dpush]} |"
  echo "| docker pull 100 MB (s, median) | ${RESULT[drydock.dpull]} | ${RESULT[reference.dpull]} |"
  echo "| curl blob GET 100 MB, auth header in hand (s, median) | ${RESULT[drydock.bget]} | ${RESULT[reference.bget]} |"
  echo "| token request (curl, Basic; median of 5) | ${RESULT[drydock.tokenms]} | ${RESULT[reference.tokenms]} |"
  for kind in manifest head; do
    label="manifest GET"; [ $kind = head ] && label="blob HEAD"
    echo "| $label req/s | ${RESULT[drydock.$kind.rps]} | ${RESULT[reference.$kind.rps]} |"
    echo "| $label p50 / p99 | ${RESULT[drydock.$kind.p50]} / ${RESULT[drydock.$kind.p99]} | ${RESULT[reference.$kind.p50]} / ${RESULT[reference.$kind.p99]} |"
    if [ -n "${RESULT[drydock.$kind.non2xx]}${RESULT[reference.$kind.non2xx]}" ]; then
      echo "| $label non-2xx answers | ${RESULT[drydock.$kind.non2xx]:-0} | ${RESULT[reference.$kind.non2xx]:-0} |"
    fi
  done
  echo "| peak RSS (VmHWM) | ${RESULT[drydock.rss]} | ${RESULT[reference.rss]} |"
} | tee "$WORK/results-$MODE.md"
