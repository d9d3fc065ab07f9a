#!/usr/bin/env bash
# Measures the OSV vulnerability database (see VulnDbBenchmark): import of the bulk sets plus
# synthesised records, index open time, and matching 10,000 packages.
# Usage: drydock-scanner/bench/vulndb-bench.sh [bulk-dir] [records] [work-dir]   (from the repo root)
set -euo pipefail
cd "$(dirname "$0")/../.."
target=${DRYDOCK_TARGET:-target-bench}
./mvnw -B -ntp -q -pl drydock-scanner test-compile dependency:build-classpath \
  -Ddrydock.target="$target" -Dmdep.outputFile="$target/bench.cp" -Dmdep.includeScope=test
cp=$(cat "drydock-scanner/$target/bench.cp")
exec "${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java" -Xmx2g -cp "drydock-scanner/$target/test-classes:drydock-scanner/$target/classes:$cp" \
  dev.drydock.scanner.VulnDbBenchmark "${1:-../shared/vulndata/bulk}" "${2:-100000}" \
  "${3:-drydock-scanner/$target/bench}" "${4:-}"
