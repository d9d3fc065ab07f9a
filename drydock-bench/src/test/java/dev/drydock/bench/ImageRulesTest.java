package dev.drydock.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** 4.7 and 4.9 read build history lines as the classic builder and BuildKit record them. */
class ImageRulesTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "/bin/sh -c apt-get update",
        "RUN /bin/sh -c apt-get -q update # buildkit",
        "/bin/sh -c apk update",
        "/bin/sh -c yum -y update"
      })
  void updateAlone_detected(String step) {
    assertThat(ImageChecks.updateAlone(step)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/bin/sh -c apt-get update && apt-get install -y curl",
        "/bin/sh -c apk update && apk add curl",
        "/bin/sh -c echo update >/dev/null",
        "/bin/sh -c #(nop)  LABEL apt-get=update",
        "/bin/sh -c apt-get update && apt-get -y upgrade",
        ""
      })
  void updateAlone_notAlone(String step) {
    assertThat(ImageChecks.updateAlone(step)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/bin/sh -c #(nop) ADD file:63e4fd53e0703f1e446126de2246bde90b0a09aeab29d54844d39e4eb74bc3c3 in /f.txt ",
        "ADD https://example.com/x.tgz /opt/ # buildkit",
        "/bin/sh -c #(nop)  ADD dir:abc in /app "
      })
  void addStep_detected(String step) {
    assertThat(ImageChecks.addStep(step)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/bin/sh -c #(nop) ADD file:9b1f2c in / ",
        "/bin/sh -c #(nop) COPY file:63e4 in /g.txt ",
        "/bin/sh -c echo ADD something",
        ""
      })
  void addStep_notFlagged(String step) {
    assertThat(ImageChecks.addStep(step)).isFalse();
  }
}
