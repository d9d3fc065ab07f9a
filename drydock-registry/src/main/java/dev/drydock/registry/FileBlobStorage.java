package dev.drydock.registry;

import dev.drydock.model.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Blobs as files under {@code <root>/blobs/<algorithm>/<2 hex>/<hex>}, uploads under {@code
 * <root>/uploads/<id>/}. An upload is hashed as it arrives; at commit the digest is compared, the
 * data flushed to disk and renamed into place in one atomic step, and the directory flushed, so a
 * blob path exists only with its complete, verified content. A session left by a crashed process
 * stays resumable (its length is the file's) and is hashed again from disk at commit.
 */
public final class FileBlobStorage implements BlobStorage {
  private static final int BUFFER = 64 * 1024;
  private static final String DATA = StorageFiles.DATA;
  private static final String STATE = StorageFiles.STATE;

  private final Path blobs;
  private final Path uploads;
  private final Clock clock;
  private final int maxUploads;
  private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();

  /** Sessions whose folder exists, including ones a previous process left (counted at open). */
  private final AtomicInteger openUploads = new AtomicInteger();

  /** The in-memory side of a session: its lock and the running sha256 of what it holds. */
  private static final class Session {
    final ReentrantLock lock = new ReentrantLock();
    @Nullable MessageDigest sha256;
    long hashed;
  }

  private FileBlobStorage(Path root, Clock clock, int maxUploads) {
    this.blobs = root.resolve("blobs");
    this.uploads = root.resolve("uploads");
    this.clock = clock;
    this.maxUploads = maxUploads;
  }

  /**
   * Opens (creating when needed) the store under {@code root}, with at most {@link
   * RegistryConfig#DEFAULT_MAX_UPLOADS} open upload sessions.
   *
   * @throws RegistryException when the directories cannot be created
   */
  public static FileBlobStorage open(Path root, Clock clock) throws RegistryException {
    return open(root, clock, RegistryConfig.DEFAULT_MAX_UPLOADS);
  }

  /**
   * Opens (creating when needed) the store under {@code root}.
   *
   * @param maxUploads how many upload sessions may be open at once (sessions left by an earlier
   *     process count until they finish or expire)
   * @throws RegistryException when the directories cannot be created
   */
  public static FileBlobStorage open(Path root, Clock clock, int maxUploads)
      throws RegistryException {
    if (maxUploads <= 0) {
      throw new IllegalArgumentException("maxUploads must be positive, not " + maxUploads);
    }
    FileBlobStorage store = new FileBlobStorage(root, clock, maxUploads);
    try {
      Files.createDirectories(store.blobs);
      Files.createDirectories(store.uploads);
      store.openUploads.set(StorageFiles.countSessions(store.uploads));
    } catch (IOException e) {
      throw new RegistryException(
          "Cannot create the registry storage under " + root + ": " + e.getMessage(), e);
    }
    return store;
  }

  Path blobPath(Digest digest) {
    return blobs
        .resolve(digest.algorithm())
        .resolve(digest.hex().substring(0, 2))
        .resolve(digest.hex());
  }

  @Override
  public long size(Digest digest) throws RegistryException {
    try {
      return Files.size(blobPath(digest));
    } catch (NoSuchFileException e) {
      return -1;
    } catch (IOException e) {
      throw failure("read the size of blob " + digest, e);
    }
  }

  @Override
  public InputStream open(Digest digest, long offset) throws RegistryException {
    try {
      FileChannel channel = FileChannel.open(blobPath(digest), StandardOpenOption.READ);
      channel.position(offset);
      return Channels.newInputStream(channel);
    } catch (NoSuchFileException e) {
      throw new RegistryException("Blob " + digest + " is not stored");
    } catch (IOException e) {
      throw failure("open blob " + digest, e);
    }
  }

  @Override
  public @Nullable Path localFile(Digest digest) {
    Path path = blobPath(digest);
    return Files.isRegularFile(path) ? path : null;
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
    Path target = blobPath(expected);
    if (Files.exists(target)) {
      return;
    }
    Path temp = uploads.resolve("put-" + UUID.randomUUID());
    try {
      try (FileChannel channel =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      install(temp, target);
    } catch (IOException e) {
      throw failure("store blob " + expected, e);
    } finally {
      StorageFiles.deleteQuietly(temp);
    }
  }

  /** Moves a complete, verified, flushed file to its blob path in one atomic step. */
  private void install(Path source, Path target) throws IOException {
    Path dir = java.util.Objects.requireNonNull(target.getParent(), "blob paths have a parent");
    Files.createDirectories(dir);
    Files.setLastModifiedTime(source, FileTime.from(clock.instant()));
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      // Another upload of the same content won; the content is identical.
      return;
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException(
          "the uploads and blobs directories must be on one file system (atomic rename)", e);
    }
    StorageFiles.syncDirectory(dir);
  }

  @Override
  public boolean delete(Digest digest) throws RegistryException {
    try {
      return Files.deleteIfExists(blobPath(digest));
    } catch (IOException e) {
      throw failure("delete blob " + digest, e);
    }
  }

  @Override
  public List<StoredBlob> list() throws RegistryException {
    List<StoredBlob> out = new ArrayList<>();
    try (DirectoryStream<Path> algorithms = Files.newDirectoryStream(blobs)) {
      for (Path algorithm : algorithms) {
        try (Stream<Path> files = Files.walk(algorithm, 2)) {
          for (Path file : (Iterable<Path>) files::iterator) {
            if (Files.isRegularFile(file)) {
              String text = algorithm.getFileName() + ":" + file.getFileName();
              if (Refs.looksLikeDigest(text)) {
                Digest digest = Refs.digest(text);
                out.add(
                    new StoredBlob(
                        digest, Files.size(file), Files.getLastModifiedTime(file).toInstant()));
              }
            }
          }
        }
      }
    } catch (IOException | UncheckedIOException | DistributionException e) {
      throw new RegistryException(
          "Cannot list the blobs under " + blobs + ": " + e.getMessage(), e);
    }
    return out;
  }

  @Override
  public UploadState startUpload(String repository) throws RegistryException {
    // Reserve first, so concurrent starts cannot overshoot the cap.
    if (openUploads.incrementAndGet() > maxUploads) {
      openUploads.decrementAndGet();
      throw new UploadRejectedException(
          UploadRejectedException.Reason.TOO_MANY,
          0,
          maxUploads
              + " upload sessions are open, the registry's limit: retry once some finish or"
              + " expire (sessions expire after their last chunk)");
    }
    String id = UUID.randomUUID().toString();
    Path dir = uploads.resolve(id);
    Instant now = clock.instant();
    UploadState state = new UploadState(id, repository, 0, now, now);
    try {
      Files.createDirectory(dir);
    } catch (IOException e) {
      openUploads.decrementAndGet();
      throw failure("start an upload for " + repository, e);
    }
    try {
      Files.createFile(dir.resolve(DATA));
      StorageFiles.writeState(dir, state);
    } catch (IOException e) {
      removeSession(id); // deletes the folder and releases the reservation
      throw failure("start an upload for " + repository, e);
    }
    Session session = new Session();
    session.sha256 = Hashing.sha256();
    sessions.put(id, session);
    return state;
  }

  @Override
  public @Nullable UploadState upload(String id) throws RegistryException {
    if (!Route.UPLOAD_ID.matcher(id).matches()) {
      return null;
    }
    Path dir = uploads.resolve(id);
    try {
      List<String> lines = Files.readAllLines(dir.resolve(STATE), StandardCharsets.UTF_8);
      if (lines.size() < 3) {
        return null;
      }
      long offset = Files.size(dir.resolve(DATA));
      return new UploadState(
          id,
          lines.get(0),
          offset,
          Instant.ofEpochMilli(Long.parseLong(lines.get(1))),
          Instant.ofEpochMilli(Long.parseLong(lines.get(2))));
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException | NumberFormatException e) {
      throw new RegistryException(
          "Upload session " + dir + " is unreadable (" + e.getMessage() + "): delete the folder",
          e);
    }
  }

  @Override
  public UploadState append(String id, long offset, InputStream data, long maxBytes)
      throws RegistryException {
    requireUpload(id); // before creating in-memory state, so unknown ids leave nothing behind
    Session session = sessions.computeIfAbsent(id, k -> new Session());
    session.lock.lock();
    try {
      UploadState state = requireUpload(id);
      if (state.offset() != offset) {
        throw new UploadRejectedException(
            UploadRejectedException.Reason.RANGE,
            state.offset(),
            "upload " + id + " holds " + state.offset() + " bytes; a chunk must start there");
      }
      Path dir = uploads.resolve(id);
      MessageDigest running = null;
      if (session.sha256 != null && session.hashed == offset) {
        running = Hashing.copy(session.sha256);
      }
      long written = 0;
      boolean ok = false;
      try (FileChannel channel = FileChannel.open(dir.resolve(DATA), StandardOpenOption.WRITE)) {
        channel.position(offset);
        byte[] buffer = new byte[BUFFER];
        int n;
        while ((n = data.read(buffer)) > 0) {
          if (offset + written + n > maxBytes) {
            throw new UploadRejectedException(
                UploadRejectedException.Reason.SIZE,
                offset,
                "upload " + id + " would exceed the limit of " + maxBytes + " bytes");
          }
          ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
          while (chunk.hasRemaining()) {
            channel.write(chunk);
          }
          if (running != null) {
            running.update(buffer, 0, n);
          }
          written += n;
        }
        ok = true;
      } catch (IOException e) {
        throw failure("append to upload " + id, e);
      } finally {
        if (!ok) {
          StorageFiles.truncate(dir.resolve(DATA), offset);
        }
      }
      session.sha256 = running;
      session.hashed = running != null ? offset + written : -1;
      UploadState updated =
          new UploadState(
              id, state.repository(), offset + written, state.startedAt(), clock.instant());
      StorageFiles.writeState(dir, updated);
      return updated;
    } catch (IOException e) {
      throw failure("record the state of upload " + id, e);
    } finally {
      session.lock.unlock();
    }
  }

  @Override
  public void commit(String id, Digest expected) throws RegistryException {
    requireUpload(id);
    Session session = sessions.computeIfAbsent(id, k -> new Session());
    session.lock.lock();
    try {
      UploadState state = requireUpload(id);
      Path dir = uploads.resolve(id);
      Path data = dir.resolve(DATA);
      Digest actual;
      if (expected.algorithm().equals("sha256")
          && session.sha256 != null
          && session.hashed == state.offset()) {
        actual = Digest.sha256(session.sha256.digest());
      } else {
        actual = Hashing.digest(expected.algorithm(), data); // resumed after a restart
      }
      if (!actual.equals(expected)) {
        removeSession(id);
        throw new UploadRejectedException(
            UploadRejectedException.Reason.DIGEST,
            state.offset(),
            "upload " + id + " hashes to " + actual + ", not " + expected + "; nothing was stored");
      }
      try (FileChannel channel = FileChannel.open(data, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      install(data, blobPath(expected));
      removeSession(id);
    } catch (IOException e) {
      throw failure("commit upload " + id + " as " + expected, e);
    } finally {
      session.lock.unlock();
    }
  }

  @Override
  public boolean cancel(String id) throws RegistryException {
    if (upload(id) == null) {
      return false;
    }
    removeSession(id);
    return true;
  }

  @Override
  public int expireUploads(Instant cutoff) throws RegistryException {
    int expired = 0;
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(uploads)) {
      for (Path dir : dirs) {
        String id = dir.getFileName().toString();
        if (id.startsWith("put-")) {
          continue;
        }
        UploadState state = Route.UPLOAD_ID.matcher(id).matches() ? upload(id) : null;
        if (state == null || state.updatedAt().isBefore(cutoff)) {
          removeSession(id);
          expired++;
        }
      }
    } catch (IOException e) {
      throw failure("expire uploads under " + uploads, e);
    }
    return expired;
  }

  private UploadState requireUpload(String id) throws RegistryException {
    UploadState state = upload(id);
    if (state == null) {
      throw new UploadRejectedException(
          UploadRejectedException.Reason.UNKNOWN, 0, "upload " + id + " does not exist");
    }
    return state;
  }

  private void removeSession(String id) throws RegistryException {
    sessions.remove(id);
    Path dir = uploads.resolve(id);
    try {
      if (StorageFiles.deleteSession(dir) && Route.UPLOAD_ID.matcher(id).matches()) {
        openUploads.decrementAndGet(); // only the caller that deleted the folder releases it
      }
    } catch (IOException e) {
      throw failure("remove upload " + id, e);
    }
  }

  private static RegistryException failure(String what, IOException e) {
    return new RegistryException(
        "Cannot " + what + ": " + e.getMessage() + " (check the data directory's space and rights)",
        e);
  }
}
