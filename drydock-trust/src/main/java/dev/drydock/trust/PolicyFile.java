package dev.drydock.trust;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The YAML wire form of a trust policy, and its hostile-input-safe reader: size-capped, aliases
 * nearly disabled (no "billion laughs"), duplicate keys and unknown fields refused.
 *
 * <pre>
 * version: 1
 * scopes:
 *   - match: "registry.example/team/**"   # glob on registry/repository
 *     environment: prod
 *     require:                             # all must hold (AND)
 *       - keys: [ci]                       # any one signature by these (OR)
 *         environment: dev
 *       - keys: [release-a, release-b]
 *         min: 2                           # threshold: 2 distinct keys
 * </pre>
 */
final class PolicyFile {
  static final int MAX_BYTES = 256 * 1024;
  static final int MAX_SCOPES = 256;
  static final int MAX_REQUIREMENTS = 16;
  static final int MAX_KEYS = 64;

  private PolicyFile() {}

  record Document(int version, List<Scope> scopes) {}

  record Scope(String match, String environment, List<Requirement> require) {}

  record Requirement(
      List<String> keys,
      @JsonProperty("min") @Nullable Integer min,
      @Nullable String environment) {}

  static Document read(String source, byte[] yaml) throws PolicyException {
    if (yaml.length > MAX_BYTES) {
      throw new PolicyException(
          source + ": larger than " + MAX_BYTES + " bytes; split or simplify the policy", null);
    }
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(5);
    options.setAllowDuplicateKeys(false);
    options.setNestingDepthLimit(16);
    options.setCodePointLimit(MAX_BYTES);
    options.setAllowRecursiveKeys(false);
    ObjectMapper mapper =
        new ObjectMapper(YAMLFactory.builder().loaderOptions(options).build())
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper.getFactory().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
    Document doc;
    try {
      doc = mapper.readValue(yaml, Document.class);
    } catch (IOException | RuntimeException e) {
      throw new PolicyException(
          source + ": not a valid trust policy: " + Json.firstLine(e.getMessage()), e);
    }
    if (doc == null) {
      throw new PolicyException(source + ": the policy is empty", null);
    }
    check(source, doc);
    return doc;
  }

  private static void check(String source, Document doc) throws PolicyException {
    if (doc.version() != 1) {
      throw new PolicyException(source + ": version must be 1", null);
    }
    if (doc.scopes() == null || doc.scopes().isEmpty() || doc.scopes().size() > MAX_SCOPES) {
      throw new PolicyException(source + ": scopes must list 1 to " + MAX_SCOPES + " scopes", null);
    }
    for (Scope scope : doc.scopes()) {
      if (scope == null || scope.match() == null || scope.environment() == null) {
        throw new PolicyException(source + ": every scope needs match and environment", null);
      }
      if (scope.require() == null
          || scope.require().isEmpty()
          || scope.require().size() > MAX_REQUIREMENTS) {
        throw new PolicyException(
            source
                + ": scope "
                + scope.match()
                + " must list 1 to "
                + MAX_REQUIREMENTS
                + " requirements (use a separate policy to allow unsigned images)",
            null);
      }
      for (Requirement r : scope.require()) {
        if (r == null || r.keys() == null || r.keys().isEmpty() || r.keys().size() > MAX_KEYS) {
          throw new PolicyException(
              source + ": a requirement of " + scope.match() + " must list 1 to 64 keys", null);
        }
      }
    }
  }
}
