package dev.drydock.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the {@code Link} header parser of tag and referrers paging: it finds a next link that is a
 * part of the header without angle brackets, or none; nothing escapes.
 *
 * <p>Runs its seeds as a regular test; set {@code JAZZER_FUZZ=1} to fuzz, see docs/development.md.
 */
class RegistryLinkFuzzTest {
  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void nextLink(String header) {
    String next = TagList.next(header);
    if (next != null) {
      assertThat(header).contains("<" + next + ">");
      assertThat(next).doesNotContain(">");
    }
  }
}
