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

  /**
   * At most this many referrers (and signature layers) are read per digest. Generous on purpose: a
   * pusher can add entries, so a small cap would let junk crowd out real signatures; this one only
   * bounds a hostile registry's work.
   */
  static final int MAX_ENTRIES = 1000;

  /** The signature blobs read per digest and kind stay within this many bytes together. */
  static final long MAX_TOTAL_BYTES = 64L << 20;

  private static final System.Logger LOG = System.getLogger(RegistryBundles.class.getName());

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

  /**
   * {@return the bundles attached to {@code digest}, oldest first} A referrer that cannot be read
   * (its manifest is gone, malformed or for another subject, its blob is missing, too large or does
   * not match its digest) is logged and skipped: anyone who can push to the repository can add
   * referrers, so one bad entry must not hide the good ones from verification. The listing is
   * ordered by the pusher-chosen {@code created} annotation only for a stable output; at most
   * {@link #MAX_ENTRIES} referrers are read, and their blobs within {@link #MAX_TOTAL_BYTES},
   * smallest first (a real bundle is a few KiB), so large junk cannot crowd out real signatures.
   */
  static List<ImageSignature> read(RegistryClient client, String repository, Digest digest)
      throws OciException {
    List<Descriptor> referrers =
        new ArrayList<>(client.referrers(repository, digest, SigstoreBundle.MEDIA_TYPE));
    // The referrers API does not promise an order; the creation time gives "oldest first".
    referrers.sort(Comparator.comparing(d -> d.annotations().getOrDefault(CREATED, "")));
    if (referrers.size() > MAX_ENTRIES) {
      LOG.log(
          System.Logger.Level.WARNING,
          "{0}/{1}@{2} has {3} bundle referrers; reading the first {4}",
          client.registry(),
          repository,
          digest,
          referrers.size(),
          MAX_ENTRIES);
    }
    List<Descriptor> layers = new ArrayList<>();
    for (Descriptor referrer : referrers.subList(0, Math.min(referrers.size(), MAX_ENTRIES))) {
      try {
        ImageManifest manifest =
            ImageManifest.parse(client.manifest(repository, referrer.digest().toString()).bytes());
        if (!SigstoreBundle.MEDIA_TYPE.equals(manifest.artifactType())
            || manifest.subject() == null
            || !manifest.subject().digest().equals(digest)) {
          continue; // listed under a wrong subject or type: not a bundle for this digest
        }
        for (Descriptor layer : manifest.layers()) {
          if (layer.mediaType().equals(SigstoreBundle.MEDIA_TYPE) && layers.size() < MAX_ENTRIES) {
            layers.add(layer);
          }
        }
      } catch (OciException e) {
        skip(client, repository, "bundle referrer " + referrer.digest(), e);
      }
    }
    List<ImageSignature> out = new ArrayList<>();
    for (Descriptor layer : withinBudget(client, repository, layers)) {
      try {
        out.add(ImageSignature.cosignBundle(blob(client, repository, layer)));
      } catch (OciException e) {
        skip(client, repository, "bundle " + layer.digest(), e);
      }
    }
    return out;
  }

  /**
   * {@return the layers whose blobs fit in {@link #MAX_TOTAL_BYTES} together, taken smallest first,
   * in their original order} The others are logged and skipped.
   */
  static List<Descriptor> withinBudget(
      RegistryClient client, String repository, List<Descriptor> layers) {
    List<Integer> bySize = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      bySize.add(i);
    }
    bySize.sort(Comparator.comparingLong(i -> layers.get(i).size()));
    boolean[] keep = new boolean[layers.size()];
    long total = 0;
    for (int i : bySize) {
      long size = layers.get(i).size();
      if (size <= Json.MAX_BYTES && total + size <= MAX_TOTAL_BYTES) {
        keep[i] = true;
        total += size;
      }
    }
    List<Descriptor> out = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      if (keep[i]) {
        out.add(layers.get(i));
      } else {
        LOG.log(
            System.Logger.Level.WARNING,
            "{0}/{1}: skipping signature blob {2} ({3} bytes): over the size budget",
            client.registry(),
            repository,
            layers.get(i).digest(),
            layers.get(i).size());
      }
    }
    return out;
  }

  /** Logs an attachment that cannot be read; the others are still read and verified. */
  static void skip(RegistryClient client, String repository, String what, OciException e) {
    LOG.log(
        System.Logger.Level.WARNING,
        "{0}/{1}: skipping unreadable {2}: {3}",
        client.registry(),
        repository,
        what,
        e.getMessage());
  }

  /**
   * {@return the bytes of a small blob, checked against its descriptor's size and digest, with the
   * descriptor's own algorithm (sha256 or sha512)}
   */
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
    if (bytes.length != d.size()) {
      throw new OciException(
          what
              + ": the registry sent "
              + (bytes.length > d.size() ? "more" : "fewer")
              + " bytes than the descriptor's "
              + d.size()
              + "; the attachment is corrupt or was tampered with");
    }
    Digest actual = digest(d.digest().algorithm(), bytes, what);
    if (!actual.equals(d.digest())) {
      throw new dev.drydock.oci.DigestMismatchException(what, d.digest(), actual);
    }
    return bytes;
  }

  /** {@return the {@code algorithm} digest of {@code bytes}: sha256 or sha512, others refused} */
  static Digest digest(String algorithm, byte[] bytes, String what) throws OciException {
    String jca =
        switch (algorithm) {
          case "sha256" -> "SHA-256";
          case "sha512" -> "SHA-512";
          default ->
              throw new OciException(
                  what + ": digest algorithm " + algorithm + " is not supported (sha256, sha512)");
        };
    try {
      return new Digest(
          algorithm, HexFormat.of().formatHex(MessageDigest.getInstance(jca).digest(bytes)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has " + jca, e);
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
