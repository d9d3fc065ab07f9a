#!/usr/bin/env bash
# CLI latency benchmark, side by side with the peers that exist on a Docker host:
#   - drydock --help / version   (JVM start-up floor)
#   - drydock engine info        vs  docker info          (Engine API round trips)
#   - drydock pki issue client   vs  openssl (P-256 key, CSR, sign with an openssl CA)
# Needs hyperfine (apt-get install hyperfine), openssl, docker. Results: docs/benchmarks.md.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUNS="${RUNS:-10}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
DD="$ROOT/bin/drydock"

"$DD" version >/dev/null   # builds the CLI if needed, outside the measurement
"$DD" --data "$WORK/dd" pki init >/dev/null 2>&1

# An openssl CA of the same shape (P-256 root, used directly as issuer).
openssl ecparam -name prime256v1 -genkey -noout -out "$WORK/ca.key" 2>/dev/null
openssl req -x509 -new -key "$WORK/ca.key" -subj "/CN=bench CA" -days 3650 -out "$WORK/ca.pem" 2>/dev/null
cat > "$WORK/openssl-issue.sh" <<SH
#!/usr/bin/env bash
set -e
d=\$(mktemp -d -p "$WORK")
openssl ecparam -name prime256v1 -genkey -noout -out "\$d/key.pem" 2>/dev/null
openssl req -new -key "\$d/key.pem" -subj "/CN=bench/OU=dev" -out "\$d/req.csr" 2>/dev/null
printf 'extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature\n' > "\$d/ext"
openssl x509 -req -in "\$d/req.csr" -CA "$WORK/ca.pem" -CAkey "$WORK/ca.key" -CAcreateserial -days 365 -extfile "\$d/ext" -out "\$d/cert.pem" 2>/dev/null
SH
chmod +x "$WORK/openssl-issue.sh"

n=0
hyperfine --runs "$RUNS" --warmup 2 --style basic --export-markdown "$WORK/startup.md" \
  -n "drydock --help" "$DD --help" \
  -n "drydock version" "$DD version"
hyperfine --runs "$RUNS" --warmup 2 --style basic --export-markdown "$WORK/engine.md" \
  -n "drydock engine info" "$DD engine info" \
  -n "docker info" "docker info"
hyperfine --runs "$RUNS" --warmup 1 --style basic --export-markdown "$WORK/issue.md" \
  -n "drydock pki issue client" "$DD --data $WORK/dd pki issue client --name bench-\$RANDOM\$RANDOM --out $WORK/out-\$RANDOM\$RANDOM" \
  -n "openssl genkey+req+x509" "$WORK/openssl-issue.sh"
echo
cat "$WORK/startup.md" "$WORK/engine.md" "$WORK/issue.md"
