#!/usr/bin/env bash
# Audit benchmark (issue 7, Performance): `drydock audit` of a host with 20 images and 30 containers,
# cold (empty layer cache, page cache dropped) and warm (second run, unchanged images), wall time
# and peak RSS from /usr/bin/time -v.
#
# Images: the Debian test image and the Debian image with planted vulnerable artifacts (log4j-core,
# commons-text, lodash; built by drydock-testkit's VulnerableImage), the busybox test image, and 17
# images derived from them: 10 with one extra layer each (shared base layers, distinct file
# systems), 4 that differ only in a label (same layers: one catalogue serves all), 3 on busybox.
# Containers: 30, created (never started) over those 20 images, a third of them privileged or with
# host namespaces or sensitive mounts.
#
# Usage (root; dockerd running; the drydock-test images built by the test kit, e.g. by running
# `./mvnw -pl drydock-audit verify` once):
#   bench/audit.sh                 create what is missing, then measure
#   RUNS=5 bench/audit.sh          warm runs (default 3; median reported)
#   bench/audit.sh --clean         remove the benchmark's containers and images and $WORK
# Environment: WORK (default /tmp/drydock-bench-audit), DRYDOCK (the command to run, default
#   bin/drydock), VULNDATA (OSV records to import, default ../shared/vulndata).
# Results: a markdown summary on stdout and in $WORK/results.md; every run's output in $WORK/logs.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
WORK=${WORK:-/tmp/drydock-bench-audit}
RUNS=${RUNS:-3}
DRYDOCK=${DRYDOCK:-$ROOT/bin/drydock}
VULNDATA=${VULNDATA:-$ROOT/../shared/vulndata}
PREFIX=ddbench-audit
DEBIAN=drydock-test/debian:12
VULNERABLE=drydock-test/vulnerable:1
BUSYBOX=drydock-test/busybox:1

containers() { docker ps -a --format '{{.Names}}' | grep "^$PREFIX-" || true; }
images() { docker images --format '{{.Repository}}:{{.Tag}}' | grep "^$PREFIX/" || true; }

if [ "${1:-}" = "--clean" ]; then
  containers | xargs -r docker rm -f >/dev/null
  images | xargs -r docker rmi -f >/dev/null
  rm -rf "$WORK"
  echo "removed the $PREFIX containers and images, and $WORK"
  exit 0
fi
[ "$(id -u)" = 0 ] || { echo "audit.sh: run as root (drop_caches)" >&2; exit 2; }
for img in "$DEBIAN" "$VULNERABLE" "$BUSYBOX"; do
  docker image inspect "$img" >/dev/null 2>&1 || {
    echo "audit.sh: $img is missing; build the test images first (./mvnw -pl drydock-audit verify)" >&2
    exit 2
  }
done
mkdir -p "$WORK/logs"
trap 'echo "audit.sh: failed at line $LINENO (logs in $WORK/logs)" >&2' ERR
log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# 1. Derived images, built offline (no network, no RUN: COPY and LABEL only).
derive() { # $1 tag, $2 base, $3 kind (layer|label), $4 index
  local ctx="$WORK/ctx/$4"
  rm -rf "$ctx" && mkdir -p "$ctx"
  if [ "$3" = layer ]; then
    head -c 65536 /dev/urandom >"$ctx/blob"
    printf 'FROM %s\nCOPY blob /opt/app-%s/blob\nLABEL bench.index=%s\n' "$2" "$4" "$4" >"$ctx/Dockerfile"
  else
    printf 'FROM %s\nLABEL bench.index=%s\n' "$2" "$4" >"$ctx/Dockerfile"
  fi
  DOCKER_BUILDKIT=0 docker build -q --network none -t "$1" "$ctx" >/dev/null
}
TAGS=("$DEBIAN" "$VULNERABLE" "$BUSYBOX")
for i in $(seq 1 17); do
  tag="$PREFIX/app-$i:1"
  if [ "$i" -le 10 ]; then base=$([ $((i % 2)) = 0 ] && echo "$VULNERABLE" || echo "$DEBIAN"); kind=layer
  elif [ "$i" -le 14 ]; then base=$DEBIAN; kind=label
  else base=$BUSYBOX; kind=layer; fi
  docker image inspect "$tag" >/dev/null 2>&1 || derive "$tag" "$base" "$kind" "$i"
  TAGS+=("$tag")
done
log "${#TAGS[@]} images"

# 2. Thirty containers over the twenty images (created, never started: no network needed).
if [ "$(containers | wc -l)" -ne 30 ]; then
  containers | xargs -r docker rm -f >/dev/null
  for i in $(seq 1 30); do
    img=${TAGS[$(((i - 1) % 20))]}
    extra=()
    case $((i % 6)) in
      0) extra=(--privileged) ;;
      1) extra=(--pid host) ;;
      2) extra=(-v /etc:/host/etc:ro) ;;
    esac
    docker create --name "$PREFIX-$i" --network none "${extra[@]}" "$img" true >/dev/null
  done
fi
log "$(containers | wc -l) containers"

# 3. A vulnerability database from the shared real OSV records (Debian, Maven, npm, ...).
DATA="$WORK/data"
if [ ! -f "$DATA/db/osv.ddb" ]; then
  for dir in "$VULNDATA/osv" "$VULNDATA/bulk/osvdev-api-maven"; do
    [ -d "$dir" ] && $DRYDOCK db update --data "$DATA" --from "$dir" >"$WORK/logs/db-$(basename "$dir").log" 2>&1
  done
fi

run() { # $1 label; prints seconds and peak RSS (KiB) of one audit
  local out="$WORK/logs/$1"
  /usr/bin/time -v $DRYDOCK audit --data "$DATA" --quiet --in-use --container "$PREFIX-*" \
    --format json -o "$WORK/$1.json" >"$out.out" 2>"$out.err"
  local wall rss
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$out.err" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out.err")
  echo "$wall $rss"
}

# 4. Cold: no catalogue cache, page cache dropped.
rm -rf "$DATA/cache"
sync && echo 3 >/proc/sys/vm/drop_caches
read -r cold_s cold_kb < <(run cold)
log "cold ${cold_s}s ${cold_kb} KiB"
# 5. Warm: the same host again.
warm=()
for r in $(seq 1 "$RUNS"); do
  read -r s kb < <(run "warm-$r")
  warm+=("$s $kb")
  log "warm $r: ${s}s ${kb} KiB"
done
median=$(printf '%s\n' "${warm[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p")
read -r warm_s warm_kb <<<"$median"
images_scanned=$(python3 -c "import json;d=json.load(open('$WORK/cold.json'));print(len(d['images']),len(d['containers']),sum(1 for i in d['images'] if i['fromCache']))")
cached=$(python3 -c "import json;d=json.load(open('$WORK/warm-1.json'));print(sum(1 for i in d['images'] if i['fromCache']))")

{
  echo "| run | wall (s) | peak RSS (MiB) |"
  echo "|---|---|---|"
  printf '| cold (empty layer cache, page cache dropped) | %s | %d |\n' "$cold_s" $((cold_kb / 1024))
  printf '| warm (median of %d) | %s | %d |\n' "$RUNS" "$warm_s" $((warm_kb / 1024))
  echo
  echo "images, containers, images from cache (cold): $images_scanned; images from cache (warm): $cached"
  echo "host: $(nproc) CPUs, $(free -g | awk '/Mem:/{print $2}') GiB; $(docker version --format 'docker {{.Server.Version}}')"
} | tee "$WORK/results.md"
