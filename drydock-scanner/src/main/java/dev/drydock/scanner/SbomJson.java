package dev.drydock.scanner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The JSON conventions both SBOM formats share: two-space indent, {@code \n} line ends on every
 * platform, UTF-8 without escaping non-ASCII, a final newline; and text cleaned so that any Java
 * string can be written.
 */
final class SbomJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final DefaultIndenter INDENT = new DefaultIndenter("  ", "\n");
  private static final ObjectWriter WRITER =
      MAPPER.writer(
          new DefaultPrettyPrinter()
              .withSeparators(
                  Separators.createDefaultInstance()
                      .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
              .withObjectIndenter(INDENT)
              .withArrayIndenter(INDENT));

  /** Spec: SPDX 2.3 section 6.9, {@code YYYY-MM-DDThh:mm:ssZ}; CycloneDX accepts the same. */
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private SbomJson() {}

  static ObjectMapper mapper() {
    return MAPPER;
  }

  static byte[] write(JsonNode tree) {
    try {
      return (WRITER.writeValueAsString(tree) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  static String seconds(Instant t) {
    return SECONDS.format(t);
  }

  /**
   * {@return the text with unpaired surrogates (which UTF-8 cannot encode) replaced by U+FFFD}:
   * names come from files in untrusted images; control characters are left to the JSON writer,
   * which escapes them
   */
  static String clean(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isSurrogate(s.charAt(i))) {
        return replaceLoneSurrogates(s);
      }
    }
    return s;
  }

  static @Nullable String cleanOrNull(@Nullable String s) {
    return s == null ? null : clean(s);
  }

  private static String replaceLoneSurrogates(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        b.append(c).append(s.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        b.append('\uFFFD');
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
