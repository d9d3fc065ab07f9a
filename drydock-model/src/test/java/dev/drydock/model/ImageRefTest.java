package dev.drydock.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageRefTest {
  private static final String HEX =
      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  @ParameterizedTest
  @CsvSource({
    "busybox, docker.io, library/busybox, latest",
    "busybox:1.36, docker.io, library/busybox, 1.36",
    "drydock-test/busybox:1, docker.io, drydock-test/busybox, 1",
    "localhost/app, localhost, app, latest",
    "127.0.0.1:5000/test/app:v1, 127.0.0.1:5000, test/app, v1",
    "ghcr.io/org/sub/app:1.0-rc_2, ghcr.io, org/sub/app, 1.0-rc_2",
    "[::1]:5444/a/b:x, [::1]:5444, a/b, x",
    "registry:5000/app, registry:5000, app, latest"
  })
  void parse_normalisesLikeDocker(String text, String registry, String repo, String tag) {
    ImageRef ref = ImageRef.parse(text);

    assertThat(ref.registry()).isEqualTo(registry);
    assertThat(ref.repository()).isEqualTo(repo);
    assertThat(ref.tag()).isEqualTo(tag);
    assertThat(ref.digest()).isNull();
    assertThat(ImageRef.parse(ref.toString())).isEqualTo(ref);
  }

  @Test
  void parse_digestOnly_hasNoTagAndUsesDigestAsReference() {
    ImageRef ref = ImageRef.parse("127.0.0.1:5000/app@sha256:" + HEX);

    assertThat(ref.tag()).isNull();
    assertThat(ref.digest()).isEqualTo(Digest.parse("sha256:" + HEX));
    assertThat(ref.reference()).isEqualTo("sha256:" + HEX);
    assertThat(ref).hasToString("127.0.0.1:5000/app@sha256:" + HEX);
  }

  @Test
  void parse_tagAndDigest_keepsBoth() {
    ImageRef ref = ImageRef.parse("app:1@sha256:" + HEX);

    assertThat(ref.tag()).isEqualTo("1");
    assertThat(ref.reference()).startsWith("sha256:");
    assertThat(ref.name()).isEqualTo("docker.io/library/app");
    assertThat(ref.apiHost()).isEqualTo("registry-1.docker.io");
    assertThat(ref.withDigest(Digest.parse("sha256:" + HEX)).tag()).isNull();
  }

  @Test
  void apiHost_otherRegistry_isItself() {
    assertThat(ImageRef.parse("quay.io/a/b").apiHost()).isEqualTo("quay.io");
    assertThat(ImageRef.parse("quay.io/a/b").reference()).isEqualTo("latest");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "UPPER/case",
        "a//b",
        "a/",
        "app:",
        "app:-bad",
        "app@sha256:short",
        "app@md5:d41d8cd98f00b204e9800998ecf8427e",
        "host:notaport/app/x:1:2",
        "a/../b",
        "bad_host_/app",
        "-x.io/app"
      })
  void parse_invalid_throwsNamingInput(String text) {
    assertThatThrownBy(() -> ImageRef.parse(text)).isInstanceOf(InvalidValueException.class);
  }

  @Test
  void parse_tooLong_isRejected() {
    assertThatThrownBy(() -> ImageRef.parse("a/" + "b".repeat(300)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("255");
  }

  @Test
  void constructor_neitherTagNorDigest_isRejected() {
    assertThatThrownBy(() -> new ImageRef("docker.io", "library/a", null, null))
        .isInstanceOf(InvalidValueException.class);
  }
}
