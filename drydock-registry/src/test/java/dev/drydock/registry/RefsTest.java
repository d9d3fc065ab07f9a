package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.Digest;
import org.junit.jupiter.api.Test;

class RefsTest {
  private static final String HEX = "a".repeat(64);

  @Test
  void namesFollowTheSpecGrammar() {
    assertThat(Refs.isName("library/ubuntu")).isTrue();
    assertThat(Refs.isName("a.b_c__d--e/f")).isTrue();
    assertThat(Refs.isName("a___b")).isFalse();
    assertThat(Refs.isName("a..b")).isFalse();
    assertThat(Refs.isName("_a")).isFalse();
    assertThat(Refs.isName("a/")).isFalse();
    assertThat(Refs.isName("a".repeat(256))).isFalse();
  }

  @Test
  void tagsFollowTheSpecGrammar() {
    assertThat(Refs.isTag("v1.0_rc-1")).isTrue();
    assertThat(Refs.isTag("_x")).isTrue();
    assertThat(Refs.isTag(".x")).isFalse();
    assertThat(Refs.isTag("-x")).isFalse();
    assertThat(Refs.isTag("a".repeat(128))).isTrue();
    assertThat(Refs.isTag("a".repeat(129))).isFalse();
  }

  @Test
  void referencesAreTagsOrSupportedDigests() {
    assertThat(Refs.reference("latest")).isEqualTo(new Refs.Reference.ByTag("latest"));
    assertThat(Refs.reference("sha256:" + HEX))
        .isEqualTo(new Refs.Reference.ByDigest(new Digest("sha256", HEX)));
    assertThatThrownBy(() -> Refs.reference("sha256:" + HEX.toUpperCase(java.util.Locale.ROOT)))
        .isInstanceOfSatisfying(
            DistributionException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.DIGEST_INVALID));
    assertThatThrownBy(() -> Refs.reference("md5:abc"))
        .hasMessageContaining("use sha256 or sha512");
    assertThatThrownBy(() -> Refs.reference("bad tag"))
        .isInstanceOfSatisfying(
            DistributionException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.MANIFEST_INVALID));
  }
}
