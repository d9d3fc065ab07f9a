package dev.drydock.trust;

import dev.drydock.model.Digest;
import dev.drydock.model.ImageRef;
import dev.drydock.oci.Descriptor;
import dev.drydock.oci.OciException;
import dev.drydock.oci.RegistryClient;
import dev.drydock.oci.RegistryClientFactory;
import dev.drydock.oci.RegistryOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Keeps signatures in the image's own registry, where cosign and sigstore-js put them:
 *
 * <ul>
 *   <li>{@link SignatureFormat#COSIGN_BUNDLE}: an OCI 1.1 referrer of the image digest, an image
 *       manifest with {@code artifactType} {@value #BUNDLE_MEDIA_TYPE}, the empty config, one layer
 *       holding the bundle JSON and {@code subject} = the image; on registries without the
 *       referrers API the {@code sha256-<hex>} referrers tag lists it (cosign v3, sigstore-js
 *       {@code @sigstore/oci}).
 *   <li>{@link SignatureFormat#COSIGN_SIMPLE_SIGNING}: a layer of the legacy cosign tag {@code
 *       sha256-<hex>.sig} with media type {@value #SIMPLE_SIGNING_MEDIA_TYPE} and the signature in
 *       the {@code dev.cosignproject.cosign/signature} annotation (cosign v1/v2); appending
 *       rewrites the tag with one more layer, keeping the others.
 *   <li>{@link SignatureFormat#OPENPGP_SIMPLE_SIGNING} is not kept in registries: containers/image
 *       reads it from a lookaside. Such signatures go to the store given to {@link
 *       #withLookaside(SignatureStore)}, or are refused.
 * </ul>
 *
 * <p>{@link #read} returns OpenPGP signatures (from the lookaside), then {@code .sig} layers in tag
 * order, then bundles oldest first. Signatures are kept per repository: a copy of the image into
 * another repository needs its signatures copied too.
 *
 * @see <a href="https://github.com/sigstore/cosign/blob/main/specs/BUNDLE_SPEC.md">cosign
 *     BUNDLE_SPEC</a>
 * @see <a href="https://github.com/sigstore/cosign/blob/main/specs/SIGNATURE_SPEC.md">cosign
 *     SIGNATURE_SPEC</a>
 */
public final class RegistrySignatureStore implements SignatureStore {
  /** The bundle's media type, used as the referrer's {@code artifactType} and layer type. */
  public static final String BUNDLE_MEDIA_TYPE = SigstoreBundle.MEDIA_TYPE;

  /** The media type of a cosign simple-signing layer. */
  public static final String SIMPLE_SIGNING_MEDIA_TYPE =
      "application/vnd.dev.cosign.simplesigning.v1+json";

  /** At most this many signatures of each kind are read per digest; bounds hostile registries. */
  static final int MAX_PER_KIND = 64;

  /** Finds the descriptor of the signed manifest (a referrer's {@code subject}). */
  @FunctionalInterface
  interface SubjectLookup {
    Optional<Descriptor> find(RegistryClient client, String repository, Digest digest)
        throws OciException;
  }

  private final RegistryClientFactory clients;
  private final Clock clock;
  private final @Nullable SignatureStore lookaside;
  private final SubjectLookup subjects;

  /**
   * A store that reaches every registry with the same options.
   *
   * @param clock stamps {@code org.opencontainers.image.created} on bundle referrers
   */
  public RegistrySignatureStore(RegistryOptions options, Clock clock) {
    this(RegistryClientFactory.of(options), clock);
  }

  /**
   * A store that asks {@code clients} for each registry's client (per host credentials and TLS).
   *
   * @param clock stamps {@code org.opencontainers.image.created} on bundle referrers
   */
  public RegistrySignatureStore(RegistryClientFactory clients, Clock clock) {
    this(clients, clock, null, (c, repo, d) -> c.resolve(repo, d.toString()));
  }

  RegistrySignatureStore(
      RegistryClientFactory clients,
      Clock clock,
      @Nullable SignatureStore lookaside,
      SubjectLookup subjects) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.lookaside = lookaside;
    this.subjects = Objects.requireNonNull(subjects, "subjects");
  }

  /**
   * {@return a store that keeps OpenPGP simple signatures in {@code lookaside} (e.g. a {@link
   * LookasideSignatureStore}) and the cosign formats in the registry}
   */
  public RegistrySignatureStore withLookaside(SignatureStore lookaside) {
    return new RegistrySignatureStore(
        clients, clock, Objects.requireNonNull(lookaside, "lookaside"), subjects);
  }

  /** {@return the legacy cosign signature tag of {@code digest}: {@code sha256-<hex>.sig}} */
  public static String signatureTag(Digest digest) {
    return RegistrySigTag.tag(digest);
  }

  @Override
  public List<ImageSignature> read(ImageRef image, Digest digest) throws TrustException {
    List<ImageSignature> out = new ArrayList<>();
    if (lookaside != null) {
      for (ImageSignature s : lookaside.read(image, digest)) {
        if (s.format() == SignatureFormat.OPENPGP_SIMPLE_SIGNING) {
          out.add(s);
        }
      }
    }
    RegistryClient client = client(image);
    try {
      out.addAll(RegistrySigTag.read(client, image.repository(), digest));
      out.addAll(RegistryBundles.read(client, image.repository(), digest));
    } catch (OciException e) {
      throw new TrustException(
          "Cannot read the signatures of " + image.name() + "@" + digest + ": " + e.getMessage(),
          e);
    }
    return out;
  }

  @Override
  public void append(ImageRef image, Digest digest, ImageSignature signature)
      throws TrustException {
    switch (signature.format()) {
      case OPENPGP_SIMPLE_SIGNING -> {
        if (lookaside == null) {
          throw new TrustException(
              "OpenPGP simple signatures of "
                  + image.name()
                  + " are not stored in registries (containers/image reads them from a"
                  + " lookaside); use the lookaside signature store, or sign in a cosign format");
        }
        lookaside.append(image, digest, signature);
      }
      case COSIGN_SIMPLE_SIGNING -> write(image, digest, signature, false);
      case COSIGN_BUNDLE -> write(image, digest, signature, true);
    }
  }

  private void write(ImageRef image, Digest digest, ImageSignature signature, boolean bundle)
      throws TrustException {
    RegistryClient client = client(image);
    String where = image.name() + "@" + digest;
    try {
      if (bundle) {
        Descriptor subject =
            subjects
                .find(client, image.repository(), digest)
                .orElseThrow(
                    () ->
                        new TrustException(
                            where
                                + " is not in the registry; push the image before attaching"
                                + " its signature"));
        RegistryBundles.append(client, image.repository(), subject, signature, clock.instant());
      } else {
        RegistrySigTag.append(client, image.repository(), digest, signature);
      }
    } catch (OciException e) {
      throw new TrustException("Cannot store the signature of " + where + ": " + e.getMessage(), e);
    }
  }

  private RegistryClient client(ImageRef image) throws TrustException {
    try {
      return clients.client(image.registry());
    } catch (OciException e) {
      throw new TrustException(
          "Cannot set up a client for " + image.registry() + ": " + e.getMessage(), e);
    }
  }
}
