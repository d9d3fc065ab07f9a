package dev.drydock.pki;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes {@link CertificateIndex#read} with arbitrary {@code index.tsv} contents: it returns
 * records that {@link CertificateIndex#format} writes back to the same records, or throws {@link
 * PkiException} naming the file. Any other exception, or a hang, is a finding.
 *
 * <p>Runs its seeds (in {@code CertificateIndexFuzzTestInputs/}) as a regular test; set {@code
 * JAZZER_FUZZ=1} to fuzz, see docs/development.md.
 */
class CertificateIndexFuzzTest {
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  @TempDir static Path tmp;

  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void read(byte[] content) throws IOException {
    Path file = Files.write(tmp.resolve("index.tsv"), content);
    List<CertificateRecord> records;
    try {
      records = CertificateIndex.read(file, NOW);
    } catch (PkiException e) {
      assertThat(e).hasMessageContaining(file.toString());
      return;
    }
    StringBuilder text = new StringBuilder(CertificateIndex.HEADER);
    for (CertificateRecord record : records) {
      text.append(CertificateIndex.format(record)).append('\n');
    }
    Path again = Files.writeString(tmp.resolve("again.tsv"), text, StandardCharsets.UTF_8);
    try {
      assertThat(CertificateIndex.read(again, NOW)).isEqualTo(records);
    } catch (PkiException e) {
      throw new AssertionError("formatted records do not read back", e);
    }
  }
}
