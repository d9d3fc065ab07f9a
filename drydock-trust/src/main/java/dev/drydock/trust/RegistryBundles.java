package dev.drydock.trust;

import dev.drydock.model.Digest;
import dev.drydock.oci.Descriptor;
import dev.drydock.oci.ImageManifest;
import dev.drydock.oci.MediaTypes;
import dev.drydock.oci.OciException;
import dev.drydock.oci.RegistryClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sigstore bundles as OCI 1.1 referrers, shaped as cosign v3 ({@code
 * WriteAttestationNewBundleFormat}) and sigstore-js {@code @sigstore/oci} write them: artifact type
 * and layer media type {@value SigstoreBundle#MEDIA_TYPE}, the empty config, and the annotations
 * {@code dev.sigstore.bundle.content}, {@code dev.sigstore.bundle.predicateType} and {@code
 * org.opencontainers.image.created}.
 *
 * @see <a href="https://github.com/sigstore/cosign/blob/main/specs/BUNDLE_SPEC.md">cosign
 *     BUNDLE_SPEC</a>
 */
final class RegistryBundles {
  static final String CONTENT = "dev.sigstore.bundle.content";
  static final String PREDICATE_TYPE = "dev.sigstore.bundle.predicateType";
  static final String CREATED = "org.opencontainers.image.created";
  static final byte[] EMPTY_JSON = "{}".getBytes(StandardCharsets.UTF_8);

  private RegistryBundles() {}

  static void append(
      RegistryClient client,
      String repository,
      Descriptor subject,
      ImageSignature signature,
      Instant now)
      throws OciException {
    Descriptor config =
        withType(client.pushBlob(repository, EMPTY_JSON), MediaTypes.OCI_EMPTY, Map.of());
    Descriptor layer =
        withType(
            client.pushBlob(repository, signature.bytesUnsafe()),
            SigstoreBundle.MEDIA_TYPE,
            Map.of());
    Map<String, String> annotations = new LinkedHashMap<>();
    String predicateType = predicateType(signature.bytesUnsafe());
    if (predicateType != null) {
      annotations.put(CONTENT, "dsse-envelope");
      annotations.put(PREDICATE_TYPE, predicateType);
    }
    annotations.put(CREATED, now.truncatedTo(ChronoUnit.SECONDS).toString());
    ImageManifest manifest =
        new ImageManifest(
            MediaTypes.OCI_MANIFEST,
            SigstoreBundle.MEDIA_TYPE,
            config,
            List.of(layer),
            subject,
            annotations);
    client.pushReferrer(repository, MediaTypes.OCI_MANIFEST, manifest.toJson());
  }

  static List<ImageSignature> read(RegistryClient client, String repository, Digest digest)
      throws OciException {
    List<Descriptor> referrers =
        new ArrayList<>(client.referrers(repository, digest, SigstoreBundle.MEDIA_TYPE));
    // The referrers API does not promise an order; the creation time gives "oldest first".
    referrers.sort(Comparator.comparing(d -> d.annotations().getOrDefault(CREATED, "")));
    List<ImageSignature> out = new ArrayList<>();
    for (Descriptor referrer :
        referrers.subList(0, Math.min(referrers.size(), RegistrySignatureStore.MAX_PER_KIND))) {
      ImageManifest manifest =
          ImageManifest.parse(client.manifest(repository, referrer.digest().toString()).bytes());
      if (!SigstoreBundle.MEDIA_TYPE.equals(manifest.artifactType())
          || manifest.subject() == null
          || !manifest.subject().digest().equals(digest)) {
        continue; // listed under a wrong subject or type: not a bundle for this digest
      }
      for (Descriptor layer : manifest.layers()) {
        if (layer.mediaType().equals(SigstoreBundle.MEDIA_TYPE)) {
          out.add(ImageSignature.cosignBundle(blob(client, repository, layer)));
        }
      }
    }
    return out;
  }

  /** {@return the bytes of a small blob, checked against its descriptor's digest and size} */
  static byte[] blob(RegistryClient client, String repository, Descriptor d) throws OciException {
    String what = "blob " + d.digest() + " of " + client.registry() + "/" + repository;
    if (d.size() > Json.MAX_BYTES) {
      throw new OciException(what + " is larger than a signature can be (" + d.size() + " bytes)");
    }
    byte[] bytes;
    try (InputStream in = client.blob(repository, d.digest())) {
      bytes = in.readNBytes((int) d.size() + 1);
    } catch (IOException e) {
      throw new OciException("Reading the " + what + " failed: " + e.getMessage(), e);
    }
    Digest actual = sha256(bytes);
    if (bytes.length != d.size() || !actual.equals(d.digest())) {
      throw new dev.drydock.oci.DigestMismatchException(what, d.digest(), actual);
    }
    return bytes;
  }

  static Digest sha256(byte[] bytes) {
    try {
      return new Digest(
          "sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }

  static Descriptor withType(Descriptor d, String mediaType, Map<String, String> annotations) {
    return new Descriptor(
        mediaType, d.digest(), d.size(), List.of(), annotations, null, null, null);
  }

  /** {@return the in-toto predicate type of a DSSE bundle, or null when it is something else} */
  private static @org.jspecify.annotations.Nullable String predicateType(byte[] bundle) {
    try {
      DsseEnvelope envelope = SigstoreBundle.decode("bundle", bundle).envelope();
      if (!envelope.payloadType().equals(DsseEnvelope.IN_TOTO)) {
        return null;
      }
      return InTotoStatement.decode("bundle", Base64.getDecoder().decode(envelope.payload()))
          .predicateType();
    } catch (VerificationException | IllegalArgumentException e) {
      return null; // Not a bundle drydock can read; stored as given, without the hints.
    }
  }
}
