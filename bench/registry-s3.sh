#!/usr/bin/env bash
# S3 blob storage benchmark (issue 6): push (upload + verify + commit) and pull of one blob
# (default 100 MB) through FileBlobStorage and through S3BlobStorage against s3proxy (filesystem
# backend) on loopback plain HTTP, median of RUNS. Figures go to docs/registry-s3.md.
#
# Usage: bench/registry-s3.sh [MB] [RUNS]      (default 100 MB, 3 runs)
# Environment: WORK (default /tmp/drydock-registry-s3-bench), JAVA_HOME.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
WORK=${WORK:-/tmp/drydock-registry-s3-bench}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
MB=${1:-100}
RUNS=${2:-3}
TARGET=target-bench-s3

cd "$ROOT"
./mvnw -B -ntp -q -pl drydock-registry test-compile dependency:build-classpath \
  -Ddrydock.target="$TARGET" -Dmdep.includeScope=test -Dmdep.outputFile="$TARGET-cp.txt"
MODULE="$ROOT/drydock-registry"
CP="$MODULE/$TARGET/test-classes:$MODULE/$TARGET/classes:$(cat "$MODULE/$TARGET-cp.txt")"
rm -rf "$WORK"; mkdir -p "$WORK"
"$JAVA_HOME/bin/java" -cp "$CP" dev.drydock.registry.S3Throughput "$WORK" "$MB" "$RUNS"
rm -rf "$WORK" "$MODULE/$TARGET" "$MODULE/$TARGET-cp.txt"
