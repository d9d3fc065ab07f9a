package dev.drydock.scanner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Objects;

/** Test fixtures: the real OSV records under {@code src/test/resources/dev/drydock/scanner/osv}. */
final class Fixtures {
  private Fixtures() {}

  static Path osvDir() {
    URL url = Objects.requireNonNull(Fixtures.class.getResource("osv/ATTRIBUTION.tsv"));
    try {
      return Objects.requireNonNull(Path.of(url.toURI()).getParent());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] bytes(String relative) {
    try (InputStream in =
        Objects.requireNonNull(Fixtures.class.getResourceAsStream(relative), relative)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static OsvRecord record(String relative) throws OsvFormatException {
    return OsvCodec.parse(bytes("osv/" + relative), relative);
  }
}
