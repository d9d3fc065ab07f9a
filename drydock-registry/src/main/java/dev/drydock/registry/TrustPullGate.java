package dev.drydock.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.model.Digest;
import dev.drydock.model.ImageRef;
import dev.drydock.model.InvalidValueException;
import dev.drydock.registry.AccessPolicy.Decision;
import dev.drydock.registry.SecurityStore.Project;
import dev.drydock.trust.Environment;
import dev.drydock.trust.ImageSignature;
import dev.drydock.trust.RefusalReason;
import dev.drydock.trust.SignatureFormat;
import dev.drydock.trust.SignatureVerifier;
import dev.drydock.trust.TrustException;
import dev.drydock.trust.TrustKeys;
import dev.drydock.trust.TrustedKey;
import dev.drydock.trust.VerificationException;
import dev.drydock.trust.VerifiedSignature;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The trust gate: a project whose policy says {@code trust=prod} (or {@code dev}) serves only
 * manifests with a valid cosign signature by a key of that environment from the registry's trust
 * keyring ({@code drydock key}). Signatures are read from the registry's own storage ({@link
 * LocalSignatures}) and verified with drydock-trust's {@link SignatureVerifier}, which checks the
 * key's revocation and validity. As with {@code drydock verify}, a dev signature never satisfies a
 * prod requirement: {@code drydock promote} adds the prod signature.
 */
public final class TrustPullGate implements PullGate {
  /** The keys signatures are verified against: every environment's, each tagged with its own. */
  @FunctionalInterface
  public interface Keyring {
    /** {@return the trusted keys} */
    List<? extends TrustedKey> keys() throws TrustException;

    /** {@return the dev and prod keys of a {@code drydock key} store, read at each check} */
    static Keyring of(TrustKeys store) {
      return () -> {
        List<TrustedKey> keys = new ArrayList<>(store.trustedKeys(Environment.DEV));
        keys.addAll(store.trustedKeys(Environment.PROD));
        return keys;
      };
    }
  }

  /** Registry name used for signatures that name none (bundles sign only the digest). */
  private static final String LOCAL = "localhost";

  private final Keyring keyring;
  private final LocalSignatures signatures;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * Creates the gate over the registry's stores.
   *
   * @param keyring the trust keyring configured for the registry
   * @param blobs the registry's blob storage
   * @param metadata the registry's metadata store
   * @param maxManifestBytes the registry's manifest size limit
   * @param clock against which key validity and revocation are judged
   */
  public TrustPullGate(
      Keyring keyring,
      BlobStorage blobs,
      MetadataStore metadata,
      int maxManifestBytes,
      Clock clock) {
    this.keyring = Objects.requireNonNull(keyring, "keyring");
    this.signatures =
        new LocalSignatures(blobs, metadata, new ManifestGraph(blobs, metadata, maxManifestBytes));
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Decision check(Project project, String repository, Digest manifest)
      throws RegistryException {
    String trust = project.policy().trust();
    if (trust == null) {
      return Decision.ALLOW;
    }
    Environment required = Environment.parse(trust);
    String policy = "trust:" + required.id();
    SignatureVerifier verifier;
    try {
      verifier = new SignatureVerifier(keyring.keys(), clock);
    } catch (TrustException e) {
      throw new RegistryException("cannot read the registry's trust keyring: " + e.getMessage(), e);
    }
    List<VerifiedSignature> other = new ArrayList<>();
    List<VerificationException> failures = new ArrayList<>();
    boolean valid =
        signatures.visit(
            repository,
            manifest,
            signature -> {
              try {
                VerifiedSignature v =
                    verifier.verify(image(repository, manifest, signature), manifest, signature);
                if (v.environment() == required) {
                  return true;
                }
                other.add(v);
              } catch (VerificationException e) {
                if (failures.isEmpty() || rank(e.reason()) > rank(failures.getFirst().reason())) {
                  failures.addFirst(e);
                }
              }
              return false;
            });
    if (valid) {
      return Decision.ALLOW;
    }
    if (other.isEmpty() && failures.isEmpty()) {
      return new Decision.Deny(
          policy, "image " + manifest + " has no signature: " + howTo(required));
    }
    if (!other.isEmpty()) {
      VerifiedSignature v = other.getFirst();
      return new Decision.Deny(
          policy,
          "image "
              + manifest
              + " is signed only by "
              + v.environment().id()
              + " key "
              + v.keyName()
              + ", not by a "
              + required.id()
              + " key: "
              + howTo(required));
    }
    VerificationException worst = failures.getFirst();
    RefusalReason reason = worst.reason();
    String what =
        switch (reason) {
          case REVOKED_KEY -> "is signed by a revoked key";
          case EXPIRED_KEY -> "is signed by a key outside its validity";
          case WRONG_KEY -> "is signed by a key the registry does not trust";
          case NO_SIGNATURE -> "has no signature";
          default ->
              "has a bad signature (" + reason.name().toLowerCase(java.util.Locale.ROOT) + ")";
        };
    return new Decision.Deny(
        policy,
        "image "
            + manifest
            + " "
            + what
            + " and no valid "
            + required.id()
            + " signature: "
            + howTo(required)
            + " ("
            + worst.getMessage()
            + ")");
  }

  private static String howTo(Environment required) {
    return required == Environment.PROD
        ? "sign it with a prod key (drydock promote)"
        : "sign it with a dev key (drydock sign)";
  }

  /** Revocation and expiry say more to the user than a generic mismatch. */
  private static int rank(RefusalReason reason) {
    return switch (reason) {
      case REVOKED_KEY -> 5;
      case EXPIRED_KEY -> 4;
      case TAMPERED_PAYLOAD, WRONG_DIGEST, WRONG_IDENTITY -> 3;
      case WRONG_KEY -> 2;
      default -> 1;
    };
  }

  /**
   * {@return the reference the signature is checked against} A cosign simple-signing payload names
   * the signed repository with the registry host the signer used, which the server cannot know; so
   * the host is taken from the payload and only the repository is compared (as cosign, which
   * ignores the identity entirely). Bundles name no repository.
   */
  private ImageRef image(String repository, Digest digest, ImageSignature signature) {
    if (signature.format() == SignatureFormat.COSIGN_SIMPLE_SIGNING) {
      String signed = signedReference(signature.bytes());
      if (signed != null) {
        try {
          ImageRef ref = ImageRef.parse(signed);
          return new ImageRef(ref.registry(), repository, null, digest);
        } catch (InvalidValueException e) {
          // the verifier reports the malformed identity
        }
      }
    }
    return new ImageRef(LOCAL, repository, null, digest);
  }

  private @Nullable String signedReference(byte[] payload) {
    try {
      JsonNode ref =
          json.readTree(payload).path("critical").path("identity").path("docker-reference");
      return ref.isTextual() ? ref.textValue() : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
