package dev.drydock.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the tar reader and the layer flattener with arbitrary bytes: reading either succeeds with
 * entries that respect the limits or throws {@link OciException}; flattening never yields a path
 * with {@code ..}, and extraction never writes outside its root.
 *
 * <p>Runs its seeds as a regular test; set {@code JAZZER_FUZZ=1} to fuzz, see docs/development.md.
 */
class TarReaderFuzzTest {
  private static final ArchiveLimits SMALL = new ArchiveLimits(1 << 20, 1000, 512, 100, 1 << 16);

  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void read(byte[] data) throws IOException {
    TarReader reader =
        new TarReader(new ByteArrayInputStream(data), "fuzz.tar", new Budget(SMALL, "fuzz.tar"));
    try {
      for (TarEntry e = reader.next(); e != null; e = reader.next()) {
        assertThat(e.name()).isNotEmpty().hasSizeLessThanOrEqualTo(SMALL.maxPathLength());
        reader.content().readNBytes(4096);
      }
    } catch (OciException expected) {
      // rejected archive
    } catch (IOException truncated) {
      assertThat(truncated).hasMessageContaining("truncated");
    }
  }

  @FuzzTest(maxDuration = "60s")
  @Timeout(20)
  void flattenAndExtract(byte[] data) throws IOException {
    Path dir = Files.createTempDirectory("oci-fuzz-");
    try {
      Image image = TestLayout.open(TestLayout.write(dir.resolve("layout"), List.of(data), false));
      ImageFilesystem fs = ImageFilesystem.flatten(image, SMALL);
      for (FileEntry f : fs.files()) {
        assertThat(f.path()).doesNotContain("/../").doesNotEndWith("/..");
      }
      Path root = dir.resolve("root");
      fs.extractTo(root, ImageFilesystem.SpecialFiles.SKIP);
      try (var all = Files.walk(dir)) {
        assertThat(all.map(Path::normalize)).allMatch(p -> p.startsWith(dir));
      }
    } catch (OciException expected) {
      // rejected layer
    } finally {
      try (var all = Files.walk(dir)) {
        all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
