package dev.drydock.oci;

import dev.drydock.model.Digest;
import dev.drydock.model.ImageRef;
import dev.drydock.model.InvalidValueException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Talks the OCI distribution API to one registry: pulls manifests and blobs, and pushes them
 * (monolithic or chunked uploads, cross-repository mounts), lists tags, finds and adds referrers
 * (OCI 1.1 API, or the referrers tag schema where the registry lacks it) and deletes manifests.
 * Each remote action is its own small class; this one is the entry point, and {@link
 * RegistryTransport} owns authentication (anonymous, Basic, the Docker Bearer token flow asking for
 * the scopes a call needs), redirects and error mapping to {@link RegistryException} with the
 * registry's error code. Thread-safe.
 *
 * <p>Methods taking a {@code repository} want the path without the registry host, e.g. {@code
 * team/app}; a {@code reference} is a tag or a digest.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md">OCI
 *     distribution 1.1</a>
 * @see <a href="https://distribution.github.io/distribution/spec/auth/token/">Docker token
 *     authentication</a>
 */
public final class RegistryClient {
  /** Streams larger than this are uploaded in chunks (PATCH) instead of in one PUT. */
  static final long DEFAULT_CHUNK_THRESHOLD = 64L * 1024 * 1024;

  private static final String ACCEPT =
      String.join(
          ", ",
          MediaTypes.OCI_INDEX,
          MediaTypes.DOCKER_MANIFEST_LIST,
          MediaTypes.OCI_MANIFEST,
          MediaTypes.DOCKER_MANIFEST);

  private final String registry;
  private final RegistryTransport transport;
  private final long chunkThreshold;

  /** A manifest or index as the registry served it: media type, exact bytes and their digest. */
  public static final class Manifest {
    private final String mediaType;
    private final byte[] bytes;
    private final Digest digest;
    private final @Nullable String etag;

    Manifest(String mediaType, byte[] bytes, Digest digest) {
      this(mediaType, bytes, digest, null);
    }

    Manifest(String mediaType, byte[] bytes, Digest digest, @Nullable String etag) {
      this.mediaType = mediaType;
      this.bytes = bytes.clone();
      this.digest = digest;
      this.etag = etag;
    }

    /** {@return the {@code ETag} the registry sent, for a conditional update; or null} */
    @Nullable String etag() {
      return etag;
    }

    /** {@return the media type (Content-Type, or the document's own)} */
    public String mediaType() {
      return mediaType;
    }

    /** {@return a copy of the exact bytes served} */
    public byte[] bytes() {
      return bytes.clone();
    }

    /** {@return the sha256 digest of the bytes} */
    public Digest digest() {
      return digest;
    }

    /** {@return a descriptor of this manifest (media type, digest, size)} */
    public Descriptor descriptor() {
      return Descriptor.of(mediaType, digest, bytes.length);
    }
  }

  /**
   * @param registry the registry host[:port] as in an image reference
   * @param options credentials, TLS and timeouts
   */
  public RegistryClient(String registry, RegistryOptions options) {
    this(registry, options, DEFAULT_CHUNK_THRESHOLD);
  }

  RegistryClient(String registry, RegistryOptions options, long chunkThreshold) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.transport = new RegistryTransport(registry, options);
    this.chunkThreshold = chunkThreshold;
  }

  /** {@return the registry host[:port] this client talks to} */
  public String registry() {
    return registry;
  }

  /**
   * {@return a TLS context that trusts the CA certificates of a PEM file (e.g. a registry's {@code
   * ca.crt})}
   */
  public static SSLContext trusting(Path caPem) throws OciException {
    try (InputStream in = Files.newInputStream(caPem)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + i++, cert);
      }
      if (i == 0) {
        throw new OciException(caPem + " holds no certificate; give the registry's CA in PEM");
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (IOException | GeneralSecurityException e) {
      throw new OciException("Cannot load the CA file " + caPem + ": " + e, e);
    }
  }

  /**
   * Fetches a manifest or index by tag or digest, asking for all four manifest media types. When
   * the reference has a digest, the bytes must hash to it; a {@code Docker-Content-Digest} header
   * must match too.
   */
  public Manifest manifest(ImageRef ref) throws OciException {
    checkRegistry(ref);
    return manifest(ref.repository(), ref.reference());
  }

  /**
   * Fetches a manifest or index of {@code repository} by tag or digest; see {@link
   * #manifest(ImageRef)}.
   */
  public Manifest manifest(String repository, String reference) throws OciException {
    return ManifestFetch.get(transport, checkRepository(repository), checkReference(reference));
  }

  /**
   * {@return the descriptor of a manifest (HEAD: media type, digest, size), or empty when the
   * registry does not have it}
   */
  public Optional<Descriptor> resolve(String repository, String reference) throws OciException {
    return ManifestFetch.head(transport, checkRepository(repository), checkReference(reference));
  }

  /** Opens a blob's raw bytes (following redirects); callers verify it, as {@link Image} does. */
  public InputStream blob(ImageRef repository, Digest digest) throws OciException {
    checkRegistry(repository);
    return blob(repository.repository(), digest);
  }

  /** Opens a blob's raw bytes of {@code repository}; callers verify it. */
  public InputStream blob(String repository, Digest digest) throws OciException {
    String repo = checkRepository(repository);
    return transport
        .send(
            RegistryTransport.Call.get(
                transport.uri(repo + "/blobs/" + digest),
                "*/*",
                List.of(RegistryTransport.pull(repo)),
                "blob " + digest + " of " + registry + "/" + repo))
        .body();
  }

  /** {@return whether {@code repository} has the blob (HEAD)} */
  public boolean blobExists(String repository, Digest digest) throws OciException {
    return BlobUpload.exists(transport, checkRepository(repository), digest);
  }

  /**
   * Uploads a blob unless the repository has it: in one PUT, or in chunks when it is larger than
   * the chunk threshold. The bytes are hashed as they go; when they do not match {@code blob}'s
   * digest and size the upload is abandoned with a {@link DigestMismatchException}.
   *
   * @param blob the blob's digest and size (its media type is not sent)
   * @param content opens the bytes
   */
  public void pushBlob(String repository, Descriptor blob, BlobContent content)
      throws OciException {
    new BlobUpload(transport, checkRepository(repository), chunkThreshold).push(blob, content);
  }

  /** Uploads a small blob held in memory and {@return its descriptor} (media type octet-stream). */
  public Descriptor pushBlob(String repository, byte[] content) throws OciException {
    byte[] copy = content.clone();
    Descriptor d = Descriptor.of("application/octet-stream", Images.sha256(copy), copy.length);
    pushBlob(repository, d, () -> new java.io.ByteArrayInputStream(copy));
    return d;
  }

  /**
   * Mounts a blob from another repository of this registry ({@code POST
   * ?mount=<digest>&from=<repository>}), asking for a token with push on the target and pull on the
   * source. A registry may answer 202 and open an upload instead (it does not mount, or the
   * credentials cannot read the source); then the content is uploaded into that session.
   *
   * @return true when the registry mounted the blob, false when it was uploaded
   */
  public boolean mountBlob(
      String repository, Descriptor blob, String fromRepository, BlobContent content)
      throws OciException {
    return new BlobUpload(transport, checkRepository(repository), chunkThreshold)
        .mount(blob, checkRepository(fromRepository), content);
  }

  /**
   * Pushes a manifest or index by tag or digest with its media type. The registry's {@code
   * Docker-Content-Digest} must equal the sha256 of the bytes; pushing by digest, that digest must
   * be the bytes' too.
   */
  public PushedManifest pushManifest(
      String repository, String reference, String mediaType, byte[] bytes) throws OciException {
    return ManifestPush.push(
        transport, checkRepository(repository), checkReference(reference), mediaType, bytes);
  }

  /**
   * Pushes a manifest that has a {@code subject} (a signature, an SBOM) by digest and makes it
   * findable: when the registry does not answer with {@code OCI-Subject}, the referrers tag {@code
   * <alg>-<hex>} of the subject is updated (read, add the descriptor, write), as OCI distribution
   * 1.1 asks of clients.
   *
   * @throws MalformedContentException when the manifest has no subject
   */
  public PushedManifest pushReferrer(String repository, String mediaType, byte[] manifest)
      throws OciException {
    return new Referrers(transport, checkRepository(repository)).push(mediaType, manifest);
  }

  /**
   * {@return the manifests that refer to {@code subject}, from the referrers API, or from the
   * referrers tag when the registry has no such API (404); empty when there are none}
   *
   * @param artifactType only manifests of this artifact type, or null for all
   */
  public List<Descriptor> referrers(
      String repository, Digest subject, @Nullable String artifactType) throws OciException {
    return new Referrers(transport, checkRepository(repository)).list(subject, artifactType);
  }

  /** {@return the repository's tags, following {@code Link} pages (bounded)} */
  public List<String> tags(String repository) throws OciException {
    return TagList.list(transport, checkRepository(repository));
  }

  /** Deletes a manifest by digest (the registry must allow deletes). */
  public void deleteManifest(String repository, Digest digest) throws OciException {
    ManifestFetch.delete(transport, checkRepository(repository), digest);
  }

  private void checkRegistry(ImageRef ref) {
    if (!ref.registry().equals(registry)) {
      throw new IllegalArgumentException(
          "this client talks to " + registry + ", not to " + ref.registry());
    }
  }

  private String checkRepository(String repository) {
    try {
      return new ImageRef(registry, repository, "x", null).repository();
    } catch (InvalidValueException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private String checkReference(String reference) {
    try {
      if (reference.contains(":")) {
        return Digest.parse(reference).toString();
      }
      return Objects.requireNonNull(new ImageRef(registry, "x", reference, null).tag());
    } catch (InvalidValueException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  static String accept() {
    return ACCEPT;
  }
}
