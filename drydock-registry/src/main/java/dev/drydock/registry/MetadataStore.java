package dev.drydock.registry;

import dev.drydock.model.Digest;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the registry knows about repositories: which blobs each may serve, its manifests (with what
 * the referrers API needs), and its tags. The content itself is in the {@link BlobStorage}. Every
 * implementation extends the contract test suite {@code MetadataStoreContract}.
 */
public interface MetadataStore {

  /** {@return whether the repository holds any blob or manifest} */
  boolean repositoryExists(String repository) throws RegistryException;

  /**
   * {@return up to {@code limit} repository names after {@code last} (null: from the start),
   * sorted}
   */
  List<String> repositories(@Nullable String last, int limit) throws RegistryException;

  /** Lets {@code repository} serve the stored blob {@code digest}. */
  void linkBlob(String repository, Digest digest) throws RegistryException;

  /** {@return whether {@code repository} may serve blob {@code digest}} */
  boolean isBlobLinked(String repository, Digest digest) throws RegistryException;

  /**
   * {@return every blob {@code repository} may serve, referenced by a manifest or not} Quotas count
   * these, so blobs uploaded but never referenced still count until they are unlinked.
   */
  List<Digest> linkedBlobs(String repository) throws RegistryException;

  /** Stops {@code repository} serving {@code digest}; {@return whether it did} */
  boolean unlinkBlob(String repository, Digest digest) throws RegistryException;

  /** Records a manifest whose bytes are stored as a blob, replacing an earlier record. */
  void putManifest(String repository, ManifestRecord manifest) throws RegistryException;

  /** {@return the manifest, or null when the repository does not hold it} */
  @Nullable ManifestRecord manifest(String repository, Digest digest) throws RegistryException;

  /** {@return the digests of every manifest in the repository} */
  List<Digest> manifests(String repository) throws RegistryException;

  /**
   * Deletes a manifest, every tag pointing to it, and its entry in its subject's referrers.
   *
   * @return whether the repository held it
   */
  boolean deleteManifest(String repository, Digest digest) throws RegistryException;

  /** Points {@code tag} at {@code digest}, replacing what it pointed to. */
  void tag(String repository, String tag, Digest digest) throws RegistryException;

  /** {@return the digest the tag points to, or null} */
  @Nullable Digest resolveTag(String repository, String tag) throws RegistryException;

  /** Deletes a tag; {@return whether it existed} */
  boolean untag(String repository, String tag) throws RegistryException;

  /** {@return every tag of the repository, sorted by code point (Go's sort.Strings order)} */
  List<String> tags(String repository) throws RegistryException;

  /** {@return the manifests of the repository whose subject is {@code subject}} */
  List<ManifestRecord> referrers(String repository, Digest subject) throws RegistryException;

  /**
   * A stored manifest's facts.
   *
   * @param digest its digest
   * @param mediaType its media type, served as Content-Type
   * @param size its length in bytes
   * @param subject the digest of its subject, or null
   * @param artifactType its artifact type for the referrers API, or null
   * @param annotations its annotations
   */
  record ManifestRecord(
      Digest digest,
      String mediaType,
      long size,
      @Nullable Digest subject,
      @Nullable String artifactType,
      Map<String, String> annotations) {
    /** Checks the parts and copies the annotations. */
    public ManifestRecord {
      Objects.requireNonNull(digest, "digest");
      Objects.requireNonNull(mediaType, "mediaType");
      annotations = Map.copyOf(annotations);
    }
  }
}
