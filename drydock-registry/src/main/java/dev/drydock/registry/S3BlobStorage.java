package dev.drydock.registry;

import dev.drydock.model.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Blobs in an S3-compatible bucket, for registries whose nodes share storage. A blob is the object
 * {@code <prefix>/blobs/<algorithm>/<hex>}; S3 makes an object visible only whole, so a blob key
 * exists only with its complete, verified content.
 *
 * <p>Uploads: each session hashes what arrives and buffers it in a local file until a part of
 * {@link S3Settings#partSize()} is full, which is then sent as one part of a multipart upload to
 * the staging key {@code <prefix>/uploads/<session id>}. At commit the digest is compared before
 * anything becomes visible; a blob that never filled a part is then written to its key with one
 * PutObject, a larger one completes its multipart upload on the staging key and is copied
 * server-side to its blob key (the staging key is fixed when the multipart upload starts, before
 * the digest is known). A process killed at any point leaves at most a multipart upload or a
 * staging object under {@code uploads/}, never a blob; {@link #expireUploads} removes them.
 *
 * <p>Sessions live in this process's memory (the running hash cannot be stored portably): a restart
 * loses the sessions in flight, and clients start those uploads again. Several registry nodes may
 * share a bucket, but each upload session must reach the node that started it.
 */
public final class S3BlobStorage implements BlobStorage, AutoCloseable {
  private static final String SPOOL_PREFIX = "s3-upload-";
  static final int MAX_PAGES = 100_000;

  /** CopyObject's limit; larger blobs would need UploadPartCopy, which this store does not do. */
  static final long MAX_BLOB = 5L << 30;

  private final S3Client client;
  private final S3Operations s3;
  private final S3Settings settings;
  private final Clock clock;
  private final Path spool;
  private final int maxUploads;
  private final ConcurrentHashMap<String, S3Session> sessions = new ConcurrentHashMap<>();

  S3BlobStorage(
      S3Settings settings,
      S3Credentials credentials,
      Clock clock,
      Clock signingClock,
      Path spool,
      int maxUploads,
      int listPage) {
    this.settings = settings;
    this.client = new S3Client(settings, credentials, signingClock);
    this.s3 = new S3Operations(client, listPage);
    this.clock = clock;
    this.spool = spool;
    this.maxUploads = maxUploads;
  }

  /**
   * Opens the store and checks that the bucket answers to the credentials.
   *
   * @param clock the registry's clock, for session times; also signs requests, so it must be within
   *     15 minutes of the S3 server's
   * @param spool a local directory for part buffers (at most one part per open session); files a
   *     previous process left there are deleted
   * @param maxUploads how many upload sessions may be open at once
   * @throws RegistryException when the spool directory or the bucket cannot be used
   */
  public static S3BlobStorage open(
      S3Settings settings, S3Credentials credentials, Clock clock, Path spool, int maxUploads)
      throws RegistryException {
    return open(settings, credentials, clock, clock, spool, maxUploads);
  }

  static S3BlobStorage open(
      S3Settings settings,
      S3Credentials credentials,
      Clock clock,
      Clock signingClock,
      Path spool,
      int maxUploads)
      throws RegistryException {
    return open(settings, credentials, clock, signingClock, spool, maxUploads, 1000);
  }

  static S3BlobStorage open(
      S3Settings settings,
      S3Credentials credentials,
      Clock clock,
      Clock signingClock,
      Path spool,
      int maxUploads,
      int listPage)
      throws RegistryException {
    if (maxUploads <= 0) {
      throw new IllegalArgumentException("maxUploads must be positive, not " + maxUploads);
    }
    try {
      Files.createDirectories(spool);
      try (DirectoryStream<Path> old = Files.newDirectoryStream(spool, SPOOL_PREFIX + "*")) {
        for (Path file : old) {
          StorageFiles.deleteQuietly(file);
        }
      }
    } catch (IOException e) {
      throw new RegistryException(
          "Cannot use " + spool + " as the S3 upload spool: " + e.getMessage(), e);
    }
    S3BlobStorage store =
        new S3BlobStorage(settings, credentials, clock, signingClock, spool, maxUploads, listPage);
    try {
      store.s3.list(settings.key("blobs/"), null); // fails early on credentials, bucket, clock
    } catch (RegistryException e) {
      store.close();
      throw e;
    }
    return store;
  }

  String blobKey(Digest digest) {
    return settings.key("blobs/" + digest.algorithm() + "/" + digest.hex());
  }

  private String stagingKey(String id) {
    return settings.key("uploads/" + id);
  }

  @Override
  public long size(Digest digest) throws RegistryException {
    S3Operations.Head head = s3.head(blobKey(digest));
    return head == null ? -1 : head.size();
  }

  @Override
  public InputStream open(Digest digest, long offset) throws RegistryException {
    InputStream in = s3.get(blobKey(digest), offset);
    if (in == null) {
      throw new RegistryException("Blob " + digest + " is not stored");
    }
    return in;
  }

  @Override
  public void put(byte[] content, Digest expected) throws RegistryException {
    Digest actual = Hashing.digest(expected.algorithm(), content);
    if (!actual.equals(expected)) {
      throw new UploadRejectedException(
          UploadRejectedException.Reason.DIGEST,
          content.length,
          "content hashes to " + actual + ", not " + expected);
    }
    if (s3.head(blobKey(expected)) == null) {
      s3.put(blobKey(expected), content);
    }
  }

  @Override
  public boolean delete(Digest digest) throws RegistryException {
    if (s3.head(blobKey(digest)) == null) {
      return false;
    }
    s3.delete(blobKey(digest));
    return true;
  }

  /**
   * {@inheritDoc}
   *
   * <p>{@code storedAt} is the object's {@code LastModified}, from the S3 server's clock: a listing
   * carries no user metadata, and one HEAD per blob would make collection cost a request per blob.
   */
  @Override
  public List<StoredBlob> list() throws RegistryException {
    String prefix = settings.key("blobs/");
    List<StoredBlob> out = new ArrayList<>();
    String token = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      S3Operations.Page<S3Operations.Listed> listed = s3.list(prefix, token);
      for (S3Operations.Listed object : listed.items()) {
        String rest = object.key().substring(Math.min(prefix.length(), object.key().length()));
        String text = rest.replace('/', ':');
        if (object.key().startsWith(prefix) && Refs.looksLikeDigest(text)) {
          out.add(new StoredBlob(Refs.digest(text), object.size(), object.lastModified()));
        }
      }
      token = listed.next();
      if (token == null) {
        return out;
      }
    }
    throw new RegistryException("The listing of " + client.where(prefix) + " does not end");
  }

  @Override
  public UploadState startUpload(String repository) throws RegistryException {
    String id = UUID.randomUUID().toString();
    Path buffer;
    try {
      buffer = Files.createFile(spool.resolve(SPOOL_PREFIX + id));
    } catch (IOException e) {
      throw new RegistryException(
          "Cannot create an upload buffer in " + spool + ": " + e.getMessage(), e);
    }
    S3Session session = new S3Session(id, repository, clock.instant(), buffer);
    synchronized (sessions) {
      if (sessions.size() >= maxUploads) {
        StorageFiles.deleteQuietly(buffer);
        throw new UploadRejectedException(
            UploadRejectedException.Reason.TOO_MANY,
            0,
            maxUploads
                + " upload sessions are open, the registry's limit: retry once some finish or"
                + " expire (sessions expire after their last chunk)");
      }
      sessions.put(id, session);
    }
    return session.state();
  }

  @Override
  public @Nullable UploadState upload(String id) {
    S3Session session = sessions.get(id);
    return session == null ? null : session.state();
  }

  @Override
  public UploadState append(String id, long offset, InputStream data, long maxBytes)
      throws RegistryException {
    S3Session session = locked(id);
    try {
      if (offset != session.offset) {
        throw new UploadRejectedException(
            UploadRejectedException.Reason.RANGE,
            session.offset,
            "upload " + id + " holds " + session.offset + " bytes; resume at that offset");
      }
      new S3Append(this, session, Math.min(maxBytes, MAX_BLOB)).run(data);
      session.updatedAt = clock.instant();
      return session.state();
    } finally {
      session.lock.unlock();
    }
  }

  @Override
  public void commit(String id, Digest expected) throws RegistryException {
    S3Session session = locked(id);
    try {
      MessageDigest running =
          expected.algorithm().equals("sha512") ? session.sha512 : session.sha256;
      Digest actual =
          new Digest(
              expected.algorithm(), HexFormat.of().formatHex(Hashing.copy(running).digest()));
      if (!actual.equals(expected)) {
        end(session);
        throw new UploadRejectedException(
            UploadRejectedException.Reason.DIGEST,
            session.offset,
            "upload " + id + " hashes to " + actual + ", not " + expected + "; nothing was stored");
      }
      RegistryException failure = null;
      try {
        String target = blobKey(expected);
        if (s3.head(target) == null) {
          install(session, target);
        }
      } catch (RegistryException e) {
        failure = e;
      }
      // The session ends either way; a failed install leaves only garbage under uploads/.
      try {
        end(session);
      } catch (RegistryException e) {
        if (failure == null) {
          throw e;
        }
        failure.addSuppressed(e);
      }
      if (failure != null) {
        throw failure;
      }
    } finally {
      session.lock.unlock();
    }
  }

  /** Makes a verified session's content the object {@code target}. */
  private void install(S3Session session, String target) throws RegistryException {
    String multipartId = session.multipartId;
    if (multipartId == null) {
      s3.put(target, session.buffer); // under one part: one atomic PutObject
      return;
    }
    String staging = stagingKey(session.id);
    if (session.buffered > 0) {
      session.etags.add(
          s3.uploadPart(staging, multipartId, session.etags.size() + 1, session.buffer));
      session.buffered = 0;
    }
    s3.completeMultipart(staging, multipartId, session.etags);
    session.multipartId = null; // completed: nothing left to abort
    try {
      s3.copy(staging, target);
    } finally {
      s3.delete(staging);
    }
  }

  @Override
  public boolean cancel(String id) throws RegistryException {
    S3Session session = sessions.get(id);
    if (session == null) {
      return false;
    }
    session.lock.lock();
    try {
      if (session.ended) {
        return false;
      }
      end(session);
      return true;
    } finally {
      session.lock.unlock();
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Besides this process's sessions, multipart uploads and staging objects under {@code
   * uploads/} that no session here owns (left by a killed process) are removed when S3 dates them
   * before {@code cutoff}.
   */
  @Override
  public int expireUploads(Instant cutoff) throws RegistryException {
    int expired = 0;
    for (S3Session session : List.copyOf(sessions.values())) {
      session.lock.lock();
      try {
        if (!session.ended && session.updatedAt.isBefore(cutoff)) {
          end(session);
          expired++;
        }
      } finally {
        session.lock.unlock();
      }
    }
    Set<String> live = new HashSet<>();
    sessions.keySet().forEach(id -> live.add(stagingKey(id)));
    expired += new S3Orphans(s3, settings.key("uploads/"), live, cutoff).sweep();
    return expired;
  }

  /** {@return the live session {@code id}, locked} */
  private S3Session locked(String id) throws UploadRejectedException {
    S3Session session = sessions.get(id);
    if (session != null) {
      boolean live = false;
      session.lock.lock();
      try {
        live = !session.ended;
      } finally {
        if (!live) {
          session.lock.unlock();
        }
      }
      if (live) {
        return session; // the caller unlocks
      }
    }
    throw new UploadRejectedException(
        UploadRejectedException.Reason.UNKNOWN, 0, "upload " + id + " does not exist");
  }

  /**
   * Ends a session (its lock held): forgets it, deletes its buffer, aborts its multipart upload.
   */
  private void end(S3Session session) throws RegistryException {
    session.ended = true;
    sessions.remove(session.id, session);
    StorageFiles.deleteQuietly(session.buffer);
    String multipartId = session.multipartId;
    session.multipartId = null;
    if (multipartId != null) {
      s3.abortMultipart(stagingKey(session.id), multipartId);
    }
  }

  // --- used by S3Append ---

  long partSize() {
    return settings.partSize();
  }

  Path newBuffer(String id) throws IOException {
    return Files.createTempFile(spool, SPOOL_PREFIX + id + "-", ".part");
  }

  /** Sends a full buffer as the session's next part, starting the multipart upload if needed. */
  String sendPart(String id, @Nullable String multipartId, int partNumber, Path file)
      throws RegistryException {
    return s3.uploadPart(
        stagingKey(id), java.util.Objects.requireNonNull(multipartId), partNumber, file);
  }

  String startMultipart(String id) throws RegistryException {
    return s3.createMultipart(stagingKey(id));
  }

  static void copyPrefix(Path from, Path to, long length) throws IOException {
    try (InputStream in = Files.newInputStream(from);
        OutputStream out = Files.newOutputStream(to, StandardOpenOption.WRITE)) {
      long copied = in.transferTo(out);
      if (copied != length) {
        throw new IOException(
            "the part buffer " + from + " holds " + copied + " bytes, not " + length);
      }
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
