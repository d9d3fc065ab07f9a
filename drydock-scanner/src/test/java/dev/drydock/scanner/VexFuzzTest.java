package dev.drydock.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link VexDocument#parse} with arbitrary bytes: it returns a document whose statements can
 * be queried through a {@link VexFilter}, or throws {@link VexException}; nothing else escapes.
 *
 * <p>Runs its seeds (in {@code VexFuzzTestInputs/}) as a regular test; set {@code JAZZER_FUZZ=1} to
 * fuzz, see docs/development.md.
 */
class VexFuzzTest {

  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void parse(FuzzedDataProvider data) {
    byte[] json = data.consumeRemainingAsBytes();
    VexDocument doc;
    try {
      doc = VexDocument.parse(json, "fuzz.json");
    } catch (VexException expected) {
      assertThat(expected).hasMessageContaining("fuzz.json");
      return;
    }
    VexFilter filter = new VexFilter(List.of(doc));
    for (VexStatement s : doc.statements()) {
      for (VexProduct p : s.products()) {
        String pkg = p.subcomponents().isEmpty() ? p.id() : p.subcomponents().getFirst();
        filter
            .suppression(s.vulnerability(), s.aliases(), pkg, p.id())
            .ifPresent(sup -> assertThat(sup.source()).startsWith("fuzz.json#statements["));
      }
    }
  }
}
