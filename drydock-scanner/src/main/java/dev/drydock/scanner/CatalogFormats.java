package dev.drydock.scanner;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import org.jspecify.annotations.Nullable;

/**
 * The small text formats packages identify themselves with: JAR manifests, Maven {@code
 * pom.properties}, Python core metadata (RFC 822 style headers) and bounded reads of them. Every
 * parser here takes untrusted bytes of bounded size and returns what it understood; none throws on
 * malformed input except {@link #readCapped}, which refuses oversized files.
 */
final class CatalogFormats {
  /** Larger than any real manifest, pom.properties, METADATA or package.json. */
  static final int MAX_METADATA_BYTES = 4 << 20;

  private CatalogFormats() {}

  /** Thrown when a metadata file is larger than its cap. */
  static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException(int max) {
      super("larger than " + max + " bytes, more than any real metadata file");
    }
  }

  /** {@return all of {@code in}, refusing more than {@code max} bytes} */
  static byte[] readCapped(InputStream in, int max) throws IOException {
    byte[] bytes = in.readNBytes(max + 1);
    if (bytes.length > max) {
      throw new TooLargeException(max);
    }
    return bytes;
  }

  /**
   * {@return the main attributes of a JAR manifest (<a
   * href="https://docs.oracle.com/en/java/javase/25/docs/specs/jar/jar.html#jar-manifest">JAR
   * spec</a>), names as written; empty when it is malformed}
   */
  static Map<String, String> manifest(byte[] bytes) {
    Map<String, String> out = new HashMap<>();
    try {
      Manifest mf = new Manifest(new ByteArrayInputStream(bytes));
      for (Map.Entry<Object, Object> e : mf.getMainAttributes().entrySet()) {
        if (e.getKey() instanceof Attributes.Name n && e.getValue() instanceof String v) {
          out.put(n.toString(), v.strip());
        }
      }
    } catch (IOException | RuntimeException e) {
      return Map.of(); // malformed manifests identify nothing
    }
    return out;
  }

  /** {@return the entries of a {@code .properties} file; empty when it is malformed} */
  static Map<String, String> properties(byte[] bytes) {
    Properties p = new Properties();
    try {
      // pom.properties is ISO 8859-1 per java.util.Properties; real ones are ASCII.
      p.load(new StringReader(new String(bytes, StandardCharsets.ISO_8859_1)));
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
    Map<String, String> out = new HashMap<>();
    for (String k : p.stringPropertyNames()) {
      out.put(k, p.getProperty(k, "").strip());
    }
    return out;
  }

  /**
   * {@return the header fields of Python core metadata (<a
   * href="https://packaging.python.org/en/latest/specifications/core-metadata/">core metadata</a>,
   * RFC 822 style): lower-case names, the first value of each, up to the first blank line}
   */
  static Map<String, String> headers(byte[] bytes) {
    Map<String, String> out = new HashMap<>();
    String text = new String(bytes, StandardCharsets.UTF_8);
    String lastKey = null;
    for (String line : text.split("\r?\n", -1)) {
      if (line.isEmpty()) {
        break; // the body (long description) follows
      }
      if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && lastKey != null) {
        continue; // continuation lines only extend descriptions
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        lastKey = null;
        continue;
      }
      lastKey = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      out.putIfAbsent(lastKey, line.substring(colon + 1).strip());
    }
    return out;
  }

  /** {@return {@code value} when it is a plausible name or version token, else null} */
  static @Nullable String token(@Nullable String value) {
    if (value == null) {
      return null;
    }
    String v = value.strip();
    if (v.isEmpty() || v.length() > 256 || v.contains("${")) {
      return null;
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        return null;
      }
    }
    return v;
  }
}
