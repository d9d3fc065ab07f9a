package dev.drydock.audit;

import dev.drydock.engine.ImageDetails;
import dev.drydock.model.Digest;
import dev.drydock.model.ImageRef;
import dev.drydock.model.InvalidValueException;
import dev.drydock.trust.Environment;
import dev.drydock.trust.SignatureStore;
import dev.drydock.trust.TrustException;
import dev.drydock.trust.TrustPolicy;
import dev.drydock.trust.VerificationException;
import dev.drydock.trust.VerifiedSignature;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The trust policy an audit checks images against, and where their signatures are kept.
 *
 * @param policy the policy, with its trusted keys
 * @param store where signatures are read from (a lookaside directory or a registry)
 * @param source what to name the configuration by in the report, e.g. the policy file
 */
public record TrustCheck(TrustPolicy policy, SignatureStore store, String source) {
  /** Rejects nulls. */
  public TrustCheck {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(source, "source");
  }

  /**
   * Checks an image: signed for prod when the prod requirements hold, else for dev when the dev
   * ones do, else unsigned with the reason. A signature binds to a manifest digest, so an image
   * that was never pushed or pulled (no repository digest) cannot be signed.
   */
  SignatureStatus check(ImageDetails image) {
    if (image.repoDigests().isEmpty()) {
      return new SignatureStatus(
          SignatureStatus.State.UNSIGNED,
          "no repository digest (never pushed or pulled), so no signature can name it; push it"
              + " and sign the pushed digest");
    }
    String lastReason = "";
    for (String repoDigest : image.repoDigests()) {
      ImageRef ref;
      Digest digest;
      try {
        ref = ImageRef.parse(repoDigest);
        digest = ref.digest();
      } catch (InvalidValueException e) {
        lastReason = "unreadable repository digest " + repoDigest;
        continue;
      }
      if (digest == null) {
        continue;
      }
      try {
        var signatures = store.read(ref, digest);
        for (Environment env : List.of(Environment.PROD, Environment.DEV)) {
          try {
            List<VerifiedSignature> valid = policy.verify(ref, digest, env, signatures);
            return new SignatureStatus(
                env == Environment.PROD
                    ? SignatureStatus.State.SIGNED_PROD
                    : SignatureStatus.State.SIGNED_DEV,
                repoDigest
                    + " signed by "
                    + valid.stream()
                        .map(v -> v.keyName() + " (" + v.format() + ")")
                        .collect(Collectors.joining(", ")));
          } catch (VerificationException e) {
            lastReason = e.reason() + ": " + e.getMessage();
          }
        }
      } catch (TrustException e) {
        lastReason = "cannot read its signatures: " + e.getMessage();
      }
    }
    return new SignatureStatus(SignatureStatus.State.UNSIGNED, lastReason);
  }
}
