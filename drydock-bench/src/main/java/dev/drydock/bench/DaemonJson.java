package dev.drydock.bench;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a daemon's {@code daemon.json}.
 *
 * @see <a href="https://docs.docker.com/reference/cli/dockerd/#daemon-configuration-file">daemon
 *     configuration file</a>
 */
final class DaemonJson {
  /** Real files are a few KiB; refuse to load something far bigger. */
  static final int MAX_BYTES = 1 << 20;

  // dockerd (Go's encoding/json) refuses trailing content after the object; so do we.
  private static final ObjectMapper MAPPER =
      com.fasterxml.jackson.databind.json.JsonMapper.builder()
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /** daemon.json keys dockerd reads as booleans: any other JSON type stops it from starting. */
  private static final java.util.Set<String> BOOLEAN_KEYS =
      java.util.Set.of(
          "icc",
          "iptables",
          "ip6tables",
          "ip-forward",
          "ip-masq",
          "ipv6",
          "userland-proxy",
          "live-restore",
          "no-new-privileges",
          "debug",
          "experimental",
          "tls",
          "tlsverify",
          "selinux-enabled",
          "init");

  private DaemonJson() {}

  /** {@return an empty configuration} */
  static ObjectNode empty() {
    return JsonNodeFactory.instance.objectNode();
  }

  /**
   * Loads the file at {@code hostPath} below the root.
   *
   * @return empty when the file does not exist
   * @throws BenchException naming the file and, for a parse error, the line and column
   */
  static Optional<ObjectNode> load(Path root, String hostPath) throws BenchException {
    Path p = HostPaths.under(root, hostPath);
    if (!Files.exists(p)) {
      return Optional.empty();
    }
    if (!Files.isRegularFile(p)) {
      // a FIFO or device would block or never end
      throw new BenchException(
          "The daemon configuration " + hostPath + " is not a regular file; replace it with one.");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(p)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw new BenchException(
          "Could not read the daemon configuration " + hostPath + ": " + e.getMessage(), e);
    }
    if (bytes.length > MAX_BYTES) {
      throw new BenchException(
          "The daemon configuration " + hostPath + " is larger than " + MAX_BYTES + " bytes.");
    }
    return Optional.of(parse(new String(bytes, StandardCharsets.UTF_8), hostPath));
  }

  /**
   * Parses daemon.json text.
   *
   * @throws BenchException when it is not one JSON object; the message names the file, line and
   *     column
   */
  static ObjectNode parse(String text, String name) throws BenchException {
    if (text.isBlank()) {
      return empty(); // dockerd accepts an empty file
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new BenchException(
          "The daemon configuration "
              + name
              + " is not valid JSON"
              + where
              + ": "
              + e.getOriginalMessage()
              + ". dockerd refuses to start with it; fix the file.",
          e);
    }
    if (!(node instanceof ObjectNode object)) {
      throw new BenchException(
          "The daemon configuration "
              + name
              + " must hold one JSON object, not "
              + (node == null
                  ? "nothing"
                  : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT))
              + ".");
    }
    for (String key : BOOLEAN_KEYS) {
      JsonNode value = object.get(key);
      if (value != null && !value.isBoolean()) {
        throw new BenchException(
            "The daemon configuration "
                + name
                + " sets \""
                + key
                + "\" to "
                + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                + " "
                + abbreviate(value.toString())
                + "; dockerd only accepts true or false there and refuses to start. Fix the"
                + " file.");
      }
    }
    return object;
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
