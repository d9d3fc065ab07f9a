#!/usr/bin/env bash
# Proves each quality gate can fail: plants one violation per gate in a throw-away clone and checks
# that the build fails with the expected message. Not part of CI (about 5 minutes); run after
# changing the build. Usage: dev/gates-selftest.sh
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
git clone -q "$ROOT" "$WORK/repo"
cd "$WORK/repo"
./mvnw -B -ntp -q install -DskipTests -Djacoco.skip=true >/dev/null 2>&1 || { echo "clean build failed"; exit 1; }

MODEL=drydock-model/src/main/java/dev/drydock/model
pass=0; fail=0
gate() { # name, expected text, module, build args...; the planting happened just before
  local name="$1" expect="$2" module="$3"; shift 3
  local log="$WORK/$name.log"
  ./mvnw -B -ntp -pl "$module" "$@" >"$log" 2>&1
  local rc=$?
  if [ $rc -ne 0 ] && grep -q -- "$expect" "$log"; then
    echo "caught   $name: $(grep -m1 -- "$expect" "$log" | sed 's/^\[[A-Z]*\] *//' | cut -c1-150)"
    pass=$((pass+1))
  else
    echo "MISSED   $name (exit $rc; expected '$expect')"; grep -E "ERROR|WARN" "$log" | head -5; fail=$((fail+1))
  fi
  git checkout -q -- . && git clean -qfd drydock-*/src
}

cat > $MODEL/Planted.java <<'J'
package dev.drydock.model;
final class Planted { static int x( ) {return 1;} }
J
gate spotless "format violations" drydock-model verify

cat > $MODEL/Planted.java <<'J'
package dev.drydock.model;

final class Planted {
  private Planted() {}

  static void x() {
    "a".trim();
  }
}
J
gate errorprone "ReturnValueIgnored" drydock-model verify

cat > $MODEL/Planted.java <<'J'
package dev.drydock.model;

import org.jspecify.annotations.Nullable;

final class Planted {
  private Planted() {}

  static int x(@Nullable String s) {
    return s.length();
  }
}
J
gate nullaway "NullAway" drydock-model verify

cat > $MODEL/Planted.java <<'J'
package dev.drydock.model;

import java.util.ArrayList;
import java.util.List;

final class Planted {
  private Planted() {}

  @SuppressWarnings("ModifiedButNotUsed")
  static int x() {
    List list = new ArrayList();
    return list.size();
  }
}
J
gate javac-lint "warnings found and -Werror specified" drydock-model verify

cat > $MODEL/Planted.java <<'J'
package dev.drydock.model;

import java.time.Instant;

final class Planted {
  private Planted() {}

  static Instant x() {
    return Instant.now();
  }
}
J
gate forbidden-apis "Forbidden method invocation" drydock-model verify

{ echo "package dev.drydock.model;"; echo; echo "final class Planted {"; echo "  private Planted() {}";
  for i in $(seq 1 60); do printf '\n  static int m%d(int a) {\n    int b = a + %d;\n    return b * 2;\n  }\n' "$i" "$i"; done
  echo "}"; } > $MODEL/Planted.java
gate jacoco "Coverage checks have not been met" drydock-model verify

mkdir -p drydock-cli/src/main/java/dev/drydock/engine
cat > drydock-cli/src/main/java/dev/drydock/engine/Planted.java <<'J'
package dev.drydock.engine;

import picocli.CommandLine;

/** A library class that parses command lines: only the CLI may. */
public final class Planted {
  private Planted() {}

  /** {@return a picocli object} */
  public static CommandLine x() {
    return new CommandLine(new Object());
  }
}
J
gate archunit "picocli" drydock-cli verify -Dtest=LayeringTest -Dsurefire.failIfNoSpecifiedTests=false -DskipITs

JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64 gate enforcer "drydock builds with JDK 25" drydock-model validate

echo "$pass gates caught their planted violation, $fail missed"
[ "$fail" -eq 0 ]
