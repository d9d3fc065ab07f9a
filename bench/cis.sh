#!/usr/bin/env bash
# CIS Docker Benchmark audit time, drydock vs docker-bench-security, on the same host in one run.
#
#   bench/cis.sh [COUNT...]        default: 15 50
#   ALL_RUNNING=1 bench/cis.sh 15  every container running (docker-bench-security's best case for
#                                  coverage, worst for time)
#
# For each COUNT it creates COUNT containers from drydock-test/busybox:1 (half running `sleep`,
# half only created; --network none; names ddbench-<n>), times a full audit by each tool with
# hyperfine, and removes the containers. docker-bench-security only audits running containers, so
# it sees half of them; drydock audits all.
#
# Peer: docker-bench-security v1.6.1, in $DBS_DIR (default /tmp/dbs). Get it with
#   git clone --depth 1 --branch v1.6.1 https://github.com/docker/docker-bench-security /tmp/dbs
# Needs hyperfine, docker, and the test image (built by the test suite, or by this script from
# busybox-static). Results: docs/benchmarks.md.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DBS_DIR="${DBS_DIR:-/tmp/dbs}"
RUNS="${RUNS:-3}"
DD="$ROOT/bin/drydock"
IMAGE=drydock-test/busybox:1
[ -x "$DBS_DIR/docker-bench-security.sh" ] || { echo "docker-bench-security not found in $DBS_DIR (see the header)" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install -y hyperfine" >&2; exit 2; }

if ! docker image inspect "$IMAGE" >/dev/null 2>&1; then
  work="$(mktemp -d)"; mkdir -p "$work/bin" "$work/tmp"
  cp /bin/busybox "$work/bin/busybox"; for a in sh sleep ps; do ln -s busybox "$work/bin/$a"; done
  tar -C "$work" -c . | docker import -c 'CMD ["/bin/sh"]' - "$IMAGE" >/dev/null; rm -rf "$work"
fi

cleanup() { docker ps -aq --filter name=ddbench- | xargs -r docker rm -f >/dev/null; }
trap cleanup EXIT
"$DD" version >/dev/null   # builds the CLI if needed, outside the measurement
OUT="$(mktemp -d)"
for count in "${@:-15 50}"; do
  for c in $count; do
    cleanup
    for i in $(seq 1 "$c"); do
      if [ "${ALL_RUNNING:-0}" = 1 ] || (( i % 2 )); then
        docker run -d --network none --name "ddbench-$i" "$IMAGE" sleep 3600 >/dev/null
      else
        docker create --network none --name "ddbench-$i" "$IMAGE" sleep 3600 >/dev/null
      fi
    done
    echo "== $c containers ($(docker ps -q --filter name=ddbench- | wc -l) running), $(docker ps -aq | wc -l) on the host in all"
    hyperfine --runs "$RUNS" --warmup 1 --style basic --export-markdown "$OUT/cis-$c.md" \
      -n "drydock bench ($c)" "$DD bench --format json -o $OUT/drydock-$c.json" \
      -n "docker-bench-security ($c)" "cd $DBS_DIR && bash docker-bench-security.sh -b -l $OUT/dbs-$c.log >/dev/null"
    echo "drydock findings: $(grep -o '"ruleId"' "$OUT/drydock-$c.json" | wc -l); docker-bench checks: $(grep -o '"checks": *[0-9]*' "$OUT/dbs-$c.log.json")"
  done
done
cat "$OUT"/cis-*.md
