package dev.drydock.pkg;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the oracle TSVs (scheme, a, b, result, oracle) from the test resources. */
final class OracleVectors {
  private OracleVectors() {}

  /** One recorded comparison made by an ecosystem's own tool. */
  record Row(String scheme, String a, String b, int result, String oracle) {
    @Override
    public String toString() {
      return scheme + ": " + a + " vs " + b + " = " + result + " (" + oracle + ")";
    }
  }

  static List<Row> read(String resource) {
    try (InputStream in = OracleVectors.class.getResourceAsStream("oracles/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource oracles/" + resource);
      }
      List<Row> rows = new ArrayList<>();
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      for (int i = 1; i < lines.size(); i++) {
        if (lines.get(i).isBlank()) {
          continue;
        }
        String[] f = lines.get(i).split("\t", -1);
        rows.add(new Row(f[0], f[1], f[2], Integer.parseInt(f[3]), f[4]));
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
