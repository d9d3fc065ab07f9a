package dev.drydock.oci;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One {@code WWW-Authenticate} challenge: {@code Bearer realm="...",service="...",scope="..."} or
 * {@code Basic realm="..."}. Parameters are tokens or quoted strings (RFC 9110 section 11.2); a
 * header with several challenges yields the first.
 *
 * @see <a href="https://distribution.github.io/distribution/spec/auth/token/">Docker token
 *     authentication</a>
 * @param scheme the scheme, lower-case
 * @param params the parameters, names lower-case
 */
record Challenge(String scheme, Map<String, String> params) {
  private static final int MAX_LENGTH = 8192;

  Challenge {
    params = Map.copyOf(params);
  }

  @Nullable String param(String name) {
    return params.get(name);
  }

  /**
   * Parses a header value.
   *
   * @throws MalformedContentException when it is not a challenge
   */
  static Challenge parse(String header) throws MalformedContentException {
    if (header.length() > MAX_LENGTH) {
      throw new MalformedContentException("WWW-Authenticate header is longer than " + MAX_LENGTH);
    }
    int i = skipSpace(header, 0);
    int start = i;
    while (i < header.length() && isToken(header.charAt(i))) {
      i++;
    }
    if (i == start) {
      throw new MalformedContentException(
          "WWW-Authenticate header has no scheme: '" + header + "'");
    }
    String scheme = header.substring(start, i).toLowerCase(Locale.ROOT);
    Map<String, String> params = new LinkedHashMap<>();
    i = skipSpace(header, i);
    while (i < header.length()) {
      int nameStart = i;
      while (i < header.length() && isToken(header.charAt(i))) {
        i++;
      }
      String name = header.substring(nameStart, i).toLowerCase(Locale.ROOT);
      i = skipSpace(header, i);
      if (name.isEmpty() || i >= header.length() || header.charAt(i) != '=') {
        if (!params.isEmpty() && !name.isEmpty()) {
          break; // the start of a second challenge
        }
        throw new MalformedContentException(
            "WWW-Authenticate parameter is not name=value: '" + header + "'");
      }
      i = skipSpace(header, i + 1);
      StringBuilder value = new StringBuilder();
      if (i < header.length() && header.charAt(i) == '"') {
        i++;
        boolean closed = false;
        while (i < header.length()) {
          char c = header.charAt(i++);
          if (c == '\\' && i < header.length()) {
            value.append(header.charAt(i++));
          } else if (c == '"') {
            closed = true;
            break;
          } else {
            value.append(c);
          }
        }
        if (!closed) {
          throw new MalformedContentException("WWW-Authenticate has an unterminated quoted string");
        }
      } else {
        while (i < header.length() && isToken(header.charAt(i))) {
          value.append(header.charAt(i++));
        }
      }
      params.putIfAbsent(name, value.toString());
      i = skipSpace(header, i);
      if (i < header.length()) {
        if (header.charAt(i) != ',') {
          throw new MalformedContentException(
              "WWW-Authenticate parameters must be separated by ','");
        }
        i = skipSpace(header, i + 1);
      }
    }
    return new Challenge(scheme, params);
  }

  private static int skipSpace(String s, int i) {
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private static boolean isToken(char c) {
    boolean separator = "()<>@,;\\\"[]?={} ".indexOf(c) >= 0;
    return c > 0x20 && c < 0x7f && !separator;
  }
}
