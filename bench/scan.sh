#!/usr/bin/env bash
# Image scan benchmark (issue 4, Performance): `drydock scan` of a >= 1 GB docker save archive with
# thousands of packages against a database of >= 100k OSV advisories, compared with the floor,
# `sha256sum` over the same layer files, in the same run. Cold (page cache dropped, no class-data
# archive) and warm figures, and peak RSS from /usr/bin/time -v.
#
# Usage (root, from anywhere; dockerd running, debootstrap and python3 installed, ~5 GB free under
# $WORK, network to the Debian mirror on the first run only; the other modules installed in ~/.m2):
#   bench/scan.sh                  build what is missing under $WORK, then measure
#   RUNS=5 bench/scan.sh           warm runs per command (default 3; median reported)
#   bench/scan.sh --clean          remove $WORK and the benchmark's docker images
# Environment: WORK (default /tmp/drydock-bench), RECORDS (DB size, default 100000),
#   BULK (real OSV records, default ../shared/vulndata/bulk), DRYDOCK (a command to run instead of
#   the CLI assembled here, e.g. bin/drydock), BENCH_TIMEOUT (seconds per step, default 1800),
#   DAEMON=1 (also one warm scan of the image through the daemon: export over the Engine API).
# Results: a markdown summary on stdout and in $WORK/results.md; every run's output in $WORK/logs.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
WORK=${WORK:-/tmp/drydock-bench}
RUNS=${RUNS:-3}
RECORDS=${RECORDS:-100000}
BULK=${BULK:-$ROOT/../shared/vulndata/bulk}
STEP=${BENCH_TIMEOUT:-1800}
IMAGE=drydock-bench/scan:1
BASE=drydock-bench/debian-base:12
JDK=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
[ -x "$JDK/bin/java" ] || JDK=$(ls -d /usr/lib/jvm/temurin-25* | head -n1)

if [ "${1:-}" = "--clean" ]; then
  docker rmi -f "$IMAGE" "$BASE" >/dev/null 2>&1 || true
  rm -rf "$WORK" "$ROOT/drydock-scanner/target-bench" "$ROOT/drydock-cli/target-bench"
  echo "removed $WORK and the images $IMAGE, $BASE"
  exit 0
fi
[ "$(id -u)" = 0 ] || { echo "scan.sh: run as root (debootstrap, drop_caches)" >&2; exit 2; }
mkdir -p "$WORK/logs"
trap 'echo "scan.sh: failed at line $LINENO (logs in $WORK/logs)" >&2' ERR
log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
bounded() { timeout --kill-after=10 "$STEP" "$@"; }

# 1. Debian 12 root file system (debootstrap minbase), cached as a tar.
if [ ! -f "$WORK/debian-rootfs.tar" ]; then
  mirror=$(sed -n 's/^URIs: *\(http[^ ]*debian\)$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n1)
  log "debootstrap bookworm from ${mirror:=http://deb.debian.org/debian}"
  rm -rf "$WORK/rootfs"
  bounded debootstrap --variant=minbase bookworm "$WORK/rootfs" "$mirror" >"$WORK/logs/debootstrap.log" 2>&1
  tar -C "$WORK/rootfs" --numeric-owner -cf "$WORK/debian-rootfs.tar.part" .
  mv "$WORK/debian-rootfs.tar.part" "$WORK/debian-rootfs.tar"
  rm -rf "$WORK/rootfs"
fi
if [ ! -f "$WORK/dpkg-status" ]; then
  tar -xOf "$WORK/debian-rootfs.tar" ./var/lib/dpkg/status >"$WORK/dpkg-status"
fi

# 2. Synthesised content and the image (base + java + node + python + three bulk data layers).
if [ ! -f "$WORK/image.tar" ]; then
  if [ ! -f "$WORK/ctx/counts.json" ]; then
    log "synthesising image content"
    rm -rf "$WORK/ctx"
    BULK_DIR="$BULK" bounded python3 "$ROOT/bench/scan/synth.py" content "$WORK/dpkg-status" "$WORK/ctx" >"$WORK/logs/synth-content.log"
  fi
  docker image inspect "$BASE" >/dev/null 2>&1 ||
    bounded docker import -c 'CMD ["/bin/bash"]' "$WORK/debian-rootfs.tar" "$BASE" >/dev/null
  cp "$ROOT/bench/scan/Dockerfile" "$WORK/ctx/Dockerfile"
  log "building $IMAGE"
  DOCKER_BUILDKIT=0 bounded docker build --network none -q -t "$IMAGE" "$WORK/ctx" >"$WORK/logs/build.log"
  bounded docker save -o "$WORK/image.tar.part" "$IMAGE"
  mv "$WORK/image.tar.part" "$WORK/image.tar"
  rm -rf "$WORK/layers"
fi
# The floor reads the same layer files, unpacked from the same archive.
if [ ! -d "$WORK/layers" ]; then
  mkdir -p "$WORK/layers.part" && tar -C "$WORK/layers.part" -xf "$WORK/image.tar" && mv "$WORK/layers.part" "$WORK/layers"
fi
mapfile -t LAYERS < <(cd "$WORK/layers" && python3 -c 'import json; [print(l) for l in json.load(open("manifest.json"))[0]["Layers"]]')

# 3. The CLI: drydock-cli's installed jar and dependencies from ~/.m2, with this tree's scanner
#    classes first (other modules may be mid-edit; only the scanner is built here).
if [ -n "${DRYDOCK:-}" ]; then
  read -r -a CLI <<<"$DRYDOCK"
else
  log "compiling drydock-scanner (target-bench) and resolving the CLI class path"
  (cd "$ROOT" && JAVA_HOME=$JDK bounded ./mvnw -B -ntp -q -pl drydock-scanner compile \
     -Ddrydock.target=target-bench -Dspotless.check.skip=true -Djacoco.skip=true >"$WORK/logs/mvn.log" 2>&1 &&
   JAVA_HOME=$JDK bounded ./mvnw -B -ntp -q -pl drydock-cli dependency:build-classpath -Ddrydock.target=target-bench \
     -Dmdep.includeScope=runtime -Dmdep.outputFile="$WORK/cli.cp" >>"$WORK/logs/mvn.log" 2>&1) ||
    { cat "$WORK/logs/mvn.log" >&2; exit 3; }
  # A jar, not the classes directory: the class-data archive accepts only jars on the class path.
  rm -f "$WORK/drydock-scanner.jar"
  "$JDK/bin/jar" cf "$WORK/drydock-scanner.jar" -C "$ROOT/drydock-scanner/target-bench/classes" .
  cli_jar=$(ls ~/.m2/repository/dev/drydock/drydock-cli/*/drydock-cli-*.jar | grep -v sources | head -n1)
  deps=$(tr ':' '\n' <"$WORK/cli.cp" | grep -v '/drydock-scanner-' | paste -sd:)
  CP="$WORK/drydock-scanner.jar:$cli_jar:$deps"
  CLI=("$JDK/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:+AutoCreateSharedArchive
       "-XX:SharedArchiveFile=$WORK/drydock.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off
       ${JAVA_OPTS:-} -cp "$CP" dev.drydock.cli.Main)
fi

# 4. The database: the real bulk records plus synthesised ones up to $RECORDS.
if [ ! -f "$WORK/data/db/.complete-$RECORDS" ]; then
  log "synthesising OSV records and importing $RECORDS"
  rm -rf "$WORK/data"
  bounded python3 "$ROOT/bench/scan/synth.py" osv "$BULK" "$WORK/dpkg-status" "$RECORDS" "$WORK/osv-synth.zip" >"$WORK/logs/synth-osv.log"
  s=$(date +%s.%N)
  bounded "${CLI[@]}" db update --data "$WORK/data" --from "$BULK" --from "$WORK/osv-synth.zip" >"$WORK/logs/db-update.log" 2>&1
  awk -v a="$(date +%s.%N)" -v b="$s" 'BEGIN {printf "%.1f\n", a-b}' >"$WORK/db-import-seconds"
  touch "$WORK/data/db/.complete-$RECORDS"
fi

# 5. Measurements. Each run: /usr/bin/time -v for wall time and peak RSS.
drop() { sync; echo 3 >/proc/sys/vm/drop_caches; }
measure() { # name cmd... ; appends "name wall_s rss_kb cpu_s" to $WORK/runs.tsv
  local name=$1; shift
  local out="$WORK/logs/$name-$(date +%s%N).log"
  bounded /usr/bin/time -v "$@" >"$out.out" 2>"$out" || { echo "run $name failed: $out" >&2; tail -20 "$out" >&2; exit 4; }
  local wall rss cpu
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$out" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out")
  cpu=$(sed -n 's/.*\(User\|System\) time (seconds): //p' "$out" | awk '{s+=$1} END {print s}')
  printf '%s\t%s\t%s\t%s\n' "$name" "$wall" "$rss" "$cpu" >>"$WORK/runs.tsv"
  log "$name: ${wall}s wall, ${cpu}s cpu, ${rss} kB"
}
: >"$WORK/runs.tsv"

log "cold runs (page cache dropped; the scan without its class-data archive)"
drop; measure floor-cold bash -c "cd '$WORK/layers' && sha256sum ${LAYERS[*]} >/dev/null"
rm -f "$WORK/drydock.jsa"; drop
measure scan-cold "${CLI[@]}" scan "$WORK/image.tar" --data "$WORK/data" --format json -o "$WORK/scan.json"
log "warm runs ($RUNS each, interleaved)"
(cd "$WORK/layers" && cat "${LAYERS[@]}" "$WORK/image.tar" >/dev/null) # the cold runs left them out of the cache
for _ in $(seq "$RUNS"); do
  measure floor-warm bash -c "cd '$WORK/layers' && sha256sum ${LAYERS[*]} >/dev/null"
  measure scan-warm "${CLI[@]}" scan "$WORK/image.tar" --data "$WORK/data" --format json -o "$WORK/scan.json"
done
if [ "${DAEMON:-0}" = 1 ]; then
  docker image inspect "$IMAGE" >/dev/null 2>&1 || bounded docker load -q -i "$WORK/image.tar" >/dev/null
  measure scan-daemon-warm "${CLI[@]}" scan "$IMAGE" --data "$WORK/data" --format json -o "$WORK/scan-daemon.json"
fi

# 6. Summary.
median() { awk -v n="$1" -v c="${2:-2}" '$1==n {print $c}' "$WORK/runs.tsv" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {print a/b}'; }
maxrss() { awk -v n="$1" '$1==n && $3>m {m=$3} END {printf "%.0f", m/1024}' "$WORK/runs.tsv"; }
image_bytes=$(stat -c %s "$WORK/image.tar")
layer_bytes=$(cd "$WORK/layers" && du -cb "${LAYERS[@]}" | tail -n1 | cut -f1)
pkgs=$(python3 - "$WORK/scan.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
f = d.get("findings", [])
vulns = [x for x in f if x.get("status") in ("FAIL", "fail")]
print(len(f), len(vulns))
EOF
)
fc=$(median floor-cold); sc=$(median scan-cold); fw=$(median floor-warm); sw=$(median scan-warm)
{
  echo "| | sha256sum (floor) | drydock scan | ratio |"
  echo "|---|---:|---:|---:|"
  printf '| cold | %.2f s | %.2f s | %.2f× |\n' "$fc" "$sc" "$(ratio "$sc" "$fc")"
  printf '| warm (median of %s) | %.2f s | %.2f s | %.2f× |\n' "$RUNS" "$fw" "$sw" "$(ratio "$sw" "$fw")"
  fu=$(median floor-warm 4); su=$(median scan-warm 4)
  printf '| warm CPU time, user+sys (median) | %.2f s | %.2f s | %.2f× |\n' "$fu" "$su" "$(ratio "$su" "$fu")"
  printf '| peak RSS | %s MB | %s MB | |\n' "$(maxrss floor-warm)" "$(maxrss scan-warm)"
  if [ "${DAEMON:-0}" = 1 ]; then
    printf '| warm, image from the daemon (1 run) | | %.2f s (%s s CPU, %s MB) | %.2f× |\n' "$(median scan-daemon-warm)" \
      "$(median scan-daemon-warm 4)" "$(maxrss scan-daemon-warm)" "$(ratio "$(median scan-daemon-warm)" "$fw")"
  fi
  echo
  printf 'image archive %.2f GB (%d layers, %.2f GB of layer files); %s\n' "$(awk -v b="$image_bytes" 'BEGIN {print b/1e9}')" \
    "${#LAYERS[@]}" "$(awk -v b="$layer_bytes" 'BEGIN {print b/1e9}')" "$(cat "$WORK/ctx/counts.json" 2>/dev/null | tr -d '\n ' || true)"
  echo "scan report: findings and vulnerabilities (FAIL): $pkgs; $(grep -h 'packages in' "$WORK"/logs/scan-warm-*.log | tail -n1)"
  echo "database: $(cat "$WORK/logs/synth-osv.log" 2>/dev/null); import $(cat "$WORK/db-import-seconds" 2>/dev/null) s; $(du -sh "$WORK/data/db" | cut -f1)"
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $("$JDK/bin/java" -version 2>&1 | head -n1), load $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$WORK/results.md"
