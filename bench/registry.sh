#!/usr/bin/env bash
# Registry benchmark (issue 6, Performance): drydock's registry and Debian's docker-registry
# (distribution 2.8), side by side in one run on loopback, both plain HTTP so that TLS costs do not
# differ: skopeo push and pull of a ~100 MB image (median of RUNS), manifest GET and blob HEAD rates
# with wrk and ab (requests/s, p50, p99), and each server's peak RSS (VmHWM).
#
# Usage (root; dockerd running; skopeo, wrk, ab (apache2-utils) and docker-registry installed):
#   bench/registry.sh            DRYDOCK_JAR (default drydock-cli/target/drydock.jar) must exist
#   RUNS=5 bench/registry.sh     push/pull repetitions (default 3)
#   bench/registry.sh --clean    remove $WORK and the benchmark image
# Environment: WORK (default /tmp/drydock-registry-bench), DURATION (wrk seconds, default 10),
#   CONNECTIONS (wrk connections, default 64), THREADS (wrk threads, default 4).
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
WORK=${WORK:-/tmp/drydock-registry-bench}
RUNS=${RUNS:-3}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-4}
JAR=${DRYDOCK_JAR:-$ROOT/drydock-cli/target/drydock.jar}
JDK=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
IMAGE=drydock-bench/registry:1
DD_PORT=5101
REF_PORT=5102

if [ "${1:-}" = "--clean" ]; then
  rm -rf "$WORK"; docker rmi -f "$IMAGE" >/dev/null 2>&1 || true; exit 0
fi
for tool in skopeo wrk ab docker-registry docker; do
  command -v "$tool" >/dev/null || { echo "registry.sh: needs $tool" >&2; exit 3; }
done
[ -f "$JAR" ] || { echo "registry.sh: no $JAR; build the CLI or set DRYDOCK_JAR" >&2; exit 3; }

mkdir -p "$WORK/logs"
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
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
rm -rf "$WORK/drydock" "$WORK/reference"
# The flags bin/drydock runs with.
"$JDK/bin/java" -XX:+UseSerialGC -jar "$JAR" registry serve --listen "127.0.0.1:$DD_PORT" --insecure-loopback-http \
  --data "$WORK/drydock" > "$WORK/logs/drydock.log" 2>&1 &
PIDS+=($!); DD_PID=$!
cat > "$WORK/reference.yml" <<EOF
version: 0.1
log: {level: error}
storage:
  filesystem: {rootdirectory: $WORK/reference}
  delete: {enabled: true}
http: {addr: 127.0.0.1:$REF_PORT}
EOF
docker-registry serve "$WORK/reference.yml" > "$WORK/logs/reference.log" 2>&1 &
PIDS+=($!); REF_PID=$!
for port in $DD_PORT $REF_PORT; do
  for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.2; done
done

seconds() { /usr/bin/time -f %e "$@" 2>&1 >/dev/null | tail -n1; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

declare -A RESULT
for name in drydock reference; do
  port=$DD_PORT; [ "$name" = reference ] && port=$REF_PORT
  push=(); pull=()
  for i in $(seq "$RUNS"); do
    # skopeo remembers where blobs were seen and would mount instead of uploading: forget.
    rm -f /var/lib/containers/cache/blob-info-cache-v1.boltdb "$HOME/.local/share/containers/cache/blob-info-cache-v1.boltdb"
    push+=("$(seconds skopeo copy -q --dest-tls-verify=false "oci:$WORK/oci:1" "docker://127.0.0.1:$port/bench/img$i:1")")
    rm -rf "$WORK/pulled"
    pull+=("$(seconds skopeo copy -q --src-tls-verify=false "docker://127.0.0.1:$port/bench/img$i:1" "dir:$WORK/pulled")")
  done
  RESULT[$name.push]=$(printf '%s\n' "${push[@]}" | median)
  RESULT[$name.pull]=$(printf '%s\n' "${pull[@]}" | median)
  digest=$(skopeo inspect --tls-verify=false --raw "docker://127.0.0.1:$port/bench/img1:1" | sha256sum | cut -d' ' -f1)
  layer=$(skopeo inspect --tls-verify=false --raw "docker://127.0.0.1:$port/bench/img1:1" | grep -o 'sha256:[0-9a-f]\{64\}' | tail -n1)
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency \
    -H "Accept: application/vnd.oci.image.manifest.v1+json" \
    "http://127.0.0.1:$port/v2/bench/img1/manifests/sha256:$digest" > "$WORK/logs/$name-manifest.txt"
  # wrk waits for a body after HEAD responses; ab -i sends HEAD (keep-alive, one thread).
  ab -q -k -i -c "$CONNECTIONS" -t "$DURATION" -n 10000000 \
    "http://127.0.0.1:$port/v2/bench/img1/blobs/$layer" > "$WORK/logs/$name-head.txt" 2>&1 || true
  f="$WORK/logs/$name-manifest.txt"
  RESULT[$name.manifest.rps]=$(awk '/Requests\/sec/ {print $2}' "$f")
  RESULT[$name.manifest.p50]=$(awk '$1=="50%" {print $2}' "$f")
  RESULT[$name.manifest.p99]=$(awk '$1=="99%" {print $2}' "$f")
  f="$WORK/logs/$name-head.txt"
  RESULT[$name.head.rps]=$(awk '/Requests per second/ {print $4}' "$f")
  RESULT[$name.head.p50]=$(awk '$1=="50%" {print $2 "ms"}' "$f")
  RESULT[$name.head.p99]=$(awk '$1=="99%" {print $2 "ms"}' "$f")
done
RESULT[drydock.rss]=$(awk '/VmHWM/ {print $2/1024 " MB"}' "/proc/$DD_PID/status")
RESULT[reference.rss]=$(awk '/VmHWM/ {print $2/1024 " MB"}' "/proc/$REF_PID/status")

{
  echo "| ${RUNS} runs; manifest GET: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s; blob HEAD: ab -k -i -c$CONNECTIONS -t$DURATION | drydock | docker-registry 2.8 |"
  echo "|---|---|---|"
  echo "| skopeo push 100 MB (s, median) | ${RESULT[drydock.push]} | ${RESULT[reference.push]} |"
  echo "| skopeo pull 100 MB (s, median) | ${RESULT[drydock.pull]} | ${RESULT[reference.pull]} |"
  for kind in manifest head; do
    label="manifest GET"; [ $kind = head ] && label="blob HEAD"
    echo "| $label req/s | ${RESULT[drydock.$kind.rps]} | ${RESULT[reference.$kind.rps]} |"
    echo "| $label p50 / p99 | ${RESULT[drydock.$kind.p50]} / ${RESULT[drydock.$kind.p99]} | ${RESULT[reference.$kind.p50]} / ${RESULT[reference.$kind.p99]} |"
  done
  echo "| peak RSS (VmHWM) | ${RESULT[drydock.rss]} | ${RESULT[reference.rss]} |"
} | tee "$WORK/results.md"
