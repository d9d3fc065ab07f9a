package dev.drydock.trust;

import dev.drydock.model.Digest;
import dev.drydock.model.ImageRef;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which signatures an image needs, per repository scope and environment. In a scope, every
 * requirement must hold (AND); a requirement holds when at least {@code min} distinct accepted keys
 * (default 1: any one, OR) made a valid signature. Keys in a requirement must belong to its
 * environment, and a prod scope needs at least one prod requirement, so dev signatures alone never
 * admit an image to prod. Images no scope matches are refused (fail closed).
 */
public final class TrustPolicy {
  /** A parsed scope: its glob, environment and requirements. */
  record Scope(String glob, Pattern pattern, Environment environment, List<Requirement> require) {}

  /** A requirement: accepted key IDs, threshold and environment. */
  record Requirement(Set<String> keyIds, int min, Environment environment, String description) {}

  private final String source;
  private final List<Scope> scopes;
  private final List<TrustedKey> keys;
  private final Clock clock;

  private TrustPolicy(
      String source, List<Scope> scopes, List<? extends TrustedKey> keys, Clock clock) {
    this.source = source;
    this.scopes = List.copyOf(scopes);
    this.keys = List.copyOf(keys);
    this.clock = clock;
  }

  /**
   * Parses a YAML policy whose requirements name keys of {@code keys} (by name or key ID).
   *
   * @throws PolicyException when the file is malformed, hostile, or inconsistent (unknown keys, a
   *     dev key in a prod requirement, a prod scope with no prod requirement)
   */
  public static TrustPolicy parse(
      String source, byte[] yaml, List<? extends TrustedKey> keys, Clock clock)
      throws PolicyException {
    Objects.requireNonNull(clock, "clock");
    PolicyFile.Document doc = PolicyFile.read(source, yaml);
    List<Scope> scopes = new ArrayList<>();
    for (PolicyFile.Scope s : doc.scopes()) {
      Environment scopeEnv = environment(source, s.environment());
      List<Requirement> requirements = new ArrayList<>();
      for (PolicyFile.Requirement r : s.require()) {
        Environment env = r.environment() == null ? scopeEnv : environment(source, r.environment());
        Set<String> ids = new LinkedHashSet<>();
        for (String ref : r.keys()) {
          TrustedKey key = resolve(source, ref, keys);
          if (key.metadata().environment() != env) {
            throw new PolicyException(
                source
                    + ": key "
                    + ref
                    + " signs for "
                    + key.metadata().environment().id()
                    + " but is listed in a "
                    + env.id()
                    + " requirement of "
                    + s.match(),
                null);
          }
          ids.add(key.metadata().keyId());
        }
        int min = r.min() == null ? 1 : r.min();
        if (min < 1 || min > ids.size()) {
          throw new PolicyException(
              source + ": min " + min + " in " + s.match() + " must be 1 to " + ids.size(), null);
        }
        requirements.add(new Requirement(ids, min, env, env.id() + " " + r.keys()));
      }
      if (scopeEnv == Environment.PROD
          && requirements.stream().noneMatch(q -> q.environment() == Environment.PROD)) {
        throw new PolicyException(
            source + ": prod scope " + s.match() + " needs at least one prod requirement", null);
      }
      scopes.add(new Scope(s.match(), glob(source, s.match()), scopeEnv, requirements));
    }
    return new TrustPolicy(source, scopes, keys, clock);
  }

  /**
   * Verifies that {@code signatures} admit {@code image} (at {@code digest}) to {@code
   * environment}.
   *
   * @return the verified signatures that satisfied the requirements
   * @throws VerificationException with the reason the image is refused: {@link
   *     RefusalReason#NO_SIGNATURE} when there is none, the reason a required key's signature
   *     failed, {@link RefusalReason#WRONG_KEY} when only other keys signed, {@link
   *     RefusalReason#POLICY_UNSATISFIED} when a threshold is not met or no scope applies
   */
  public List<VerifiedSignature> verify(
      ImageRef image, Digest digest, Environment environment, List<ImageSignature> signatures)
      throws VerificationException {
    Scope scope = scope(image, environment);
    String what = image + "@" + digest + " for " + environment.id() + " (" + source + ")";
    if (signatures.isEmpty()) {
      throw new VerificationException(RefusalReason.NO_SIGNATURE, what + ": the image is unsigned");
    }
    SignatureVerifier verifier = new SignatureVerifier(keys, clock);
    List<VerifiedSignature> valid = new ArrayList<>();
    Map<RefusalReason, String> failures = new EnumMap<>(RefusalReason.class);
    for (ImageSignature signature : signatures) {
      try {
        valid.add(verifier.verify(image, digest, signature));
      } catch (VerificationException e) {
        failures.putIfAbsent(e.reason(), e.getMessage());
      }
    }
    Map<String, VerifiedSignature> used = new LinkedHashMap<>();
    for (Requirement requirement : scope.require()) {
      Map<String, VerifiedSignature> byKey = new LinkedHashMap<>();
      for (VerifiedSignature v : valid) {
        if (requirement.keyIds().contains(v.keyId())
            && v.environment() == requirement.environment()) {
          byKey.putIfAbsent(v.keyId(), v);
        }
      }
      if (byKey.size() < requirement.min()) {
        throw refusal(what, requirement, byKey.size(), valid, failures);
      }
      used.putAll(byKey);
    }
    return List.copyOf(used.values());
  }

  private Scope scope(ImageRef image, Environment environment) throws VerificationException {
    // The most specific matching glob wins (longest pattern), as containers' policy.json does.
    return scopes.stream()
        .filter(s -> s.environment() == environment && s.pattern().matcher(image.name()).matches())
        .max(Comparator.comparingInt(s -> s.glob().length()))
        .orElseThrow(
            () ->
                new VerificationException(
                    RefusalReason.POLICY_UNSATISFIED,
                    image
                        + ": no scope of "
                        + source
                        + " covers "
                        + image.name()
                        + " for "
                        + environment.id()
                        + "; images outside every scope are refused"));
  }

  private static VerificationException refusal(
      String what,
      Requirement requirement,
      int found,
      List<VerifiedSignature> valid,
      Map<RefusalReason, String> failures) {
    String need = "requirement " + requirement.description() + " (min " + requirement.min() + ")";
    if (found > 0) {
      return new VerificationException(
          RefusalReason.POLICY_UNSATISFIED,
          what + ": " + need + " has " + found + " valid signature(s)");
    }
    for (RefusalReason reason : PRIORITY) {
      String message = failures.get(reason);
      if (message != null) {
        return new VerificationException(reason, what + ": " + need + " not met; " + message);
      }
    }
    String signers =
        valid.stream()
            .map(v -> v.environment().id() + "/" + v.keyName())
            .distinct()
            .toList()
            .toString();
    return new VerificationException(
        RefusalReason.WRONG_KEY,
        what + ": " + need + " not met; valid signatures only by " + signers);
  }

  /** Failure reasons, most telling first; WRONG_KEY is the least specific. */
  private static final List<RefusalReason> PRIORITY =
      List.of(
          RefusalReason.REVOKED_KEY,
          RefusalReason.EXPIRED_KEY,
          RefusalReason.WRONG_DIGEST,
          RefusalReason.WRONG_IDENTITY,
          RefusalReason.TAMPERED_PAYLOAD,
          RefusalReason.UNKNOWN_CRITICAL_FIELD,
          RefusalReason.MALFORMED_BUNDLE,
          RefusalReason.NO_SIGNATURE,
          RefusalReason.WRONG_KEY);

  private static TrustedKey resolve(String source, String ref, List<? extends TrustedKey> keys)
      throws PolicyException {
    List<TrustedKey> matches = new ArrayList<>();
    for (TrustedKey k : keys) {
      if (k.metadata().keyId().equals(ref) || k.metadata().name().equals(ref)) {
        matches.add(k);
      }
    }
    if (matches.size() != 1) {
      throw new PolicyException(
          source
              + ": key \""
              + ref
              + "\" "
              + (matches.isEmpty()
                  ? "is not a known key"
                  : "is ambiguous; name it by key ID instead"),
          null);
    }
    return matches.getFirst();
  }

  private static Environment environment(String source, String text) throws PolicyException {
    try {
      return Environment.parse(text);
    } catch (IllegalArgumentException e) {
      throw new PolicyException(source + ": " + e.getMessage(), e);
    }
  }

  /** {@code *} matches within one path segment, {@code **} across segments; the rest is literal. */
  static Pattern glob(String source, String glob) throws PolicyException {
    if (glob.isEmpty() || glob.length() > 255 || glob.contains("***")) {
      throw new PolicyException(source + ": scope pattern \"" + glob + "\" is not valid", null);
    }
    StringBuilder regex = new StringBuilder();
    int i = 0;
    while (i < glob.length()) {
      if (glob.startsWith("**", i)) {
        regex.append(".*");
        i += 2;
      } else if (glob.charAt(i) == '*') {
        regex.append("[^/]*");
        i++;
      } else {
        int next = glob.indexOf('*', i);
        int end = next < 0 ? glob.length() : next;
        regex.append(Pattern.quote(glob.substring(i, end)));
        i = end;
      }
    }
    return Pattern.compile(regex.toString());
  }
}
