package dev.drydock.registry;

import dev.drydock.model.Digest;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Content-addressed blob storage with resumable upload sessions. A blob becomes visible under its
 * digest only after the uploaded bytes were hashed and matched the digest the client named, and the
 * commit is atomic: a reader sees the whole blob or none of it, whatever happens to the process
 * mid-upload. Which repositories may see a blob is the {@link MetadataStore}'s business.
 *
 * <p>Every implementation extends the contract test suite {@code BlobStorageContract}.
 */
public interface BlobStorage {

  /** {@return the size of the stored blob, or -1 when it is not stored} */
  long size(Digest digest) throws RegistryException;

  /**
   * Opens a stored blob at {@code offset}.
   *
   * @throws RegistryException when it is not stored or cannot be read
   */
  InputStream open(Digest digest, long offset) throws RegistryException;

  /** {@return the blob's local file when the store keeps one (for zero-copy sends), else null} */
  default @Nullable Path localFile(Digest digest) {
    return null;
  }

  /**
   * Stores small content (a manifest) after checking it hashes to {@code expected}.
   *
   * @throws UploadRejectedException DIGEST when the content does not match
   */
  void put(byte[] content, Digest expected) throws RegistryException;

  /** Deletes a stored blob (garbage collection); {@return whether it was there} */
  boolean delete(Digest digest) throws RegistryException;

  /** {@return every stored blob, for garbage collection} */
  List<StoredBlob> list() throws RegistryException;

  /**
   * Starts an upload session for {@code repository}.
   *
   * @throws UploadRejectedException TOO_MANY when the store's limit of open sessions is reached
   */
  UploadState startUpload(String repository) throws RegistryException;

  /** {@return the session, or null when it does not exist (finished, cancelled, expired)} */
  @Nullable UploadState upload(String id) throws RegistryException;

  /**
   * Appends to a session. Sessions take one append at a time; an append that fails midway leaves
   * the session as it was before it.
   *
   * @param offset where the data must start: the session's current length
   * @param maxBytes how many bytes this session may hold in total
   * @throws UploadRejectedException RANGE when {@code offset} is not the current length, SIZE when
   *     the session would exceed {@code maxBytes}; UNKNOWN when the session does not exist
   */
  UploadState append(String id, long offset, InputStream data, long maxBytes)
      throws RegistryException;

  /**
   * Verifies the session's content against {@code expected} and, when it matches, makes it the blob
   * {@code expected} atomically. The session ends either way.
   *
   * @throws UploadRejectedException DIGEST when the content does not match (nothing is stored)
   */
  void commit(String id, Digest expected) throws RegistryException;

  /** Ends a session and deletes its data; {@return whether it existed} */
  boolean cancel(String id) throws RegistryException;

  /** Ends every session last written before {@code cutoff}; {@return how many} */
  int expireUploads(Instant cutoff) throws RegistryException;

  /**
   * A stored blob.
   *
   * @param digest its digest
   * @param size its size in bytes
   * @param storedAt when it was committed (garbage collection spares recent blobs)
   */
  record StoredBlob(Digest digest, long size, Instant storedAt) {
    /** Checks the parts. */
    public StoredBlob {
      Objects.requireNonNull(digest, "digest");
      Objects.requireNonNull(storedAt, "storedAt");
    }
  }

  /**
   * An upload session.
   *
   * @param id the session id, a UUID
   * @param repository the repository it was started in
   * @param offset how many bytes it holds
   * @param startedAt when it started
   * @param updatedAt when data was last appended (sessions expire from here)
   */
  record UploadState(
      String id, String repository, long offset, Instant startedAt, Instant updatedAt) {
    /** Checks the parts. */
    public UploadState {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(repository, "repository");
      Objects.requireNonNull(startedAt, "startedAt");
      Objects.requireNonNull(updatedAt, "updatedAt");
    }
  }
}
