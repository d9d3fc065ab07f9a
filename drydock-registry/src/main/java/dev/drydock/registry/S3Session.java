package dev.drydock.registry;

import dev.drydock.registry.BlobStorage.UploadState;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * An S3 upload session in memory: its lock, position, running hashes (sha256 and sha512, since the
 * client names the algorithm only at commit), the local buffer of the part being filled, and the
 * parts sent so far. Fields change only under {@link #lock}.
 */
final class S3Session {
  final ReentrantLock lock = new ReentrantLock();
  final String id;
  final String repository;
  final Instant startedAt;
  Instant updatedAt;
  long offset;
  MessageDigest sha256 = Hashing.sha256();
  MessageDigest sha512 = Hashing.create("sha512");

  /** The part being filled; holds exactly {@link #buffered} bytes. */
  Path buffer;

  long buffered;
  @Nullable String multipartId;
  final List<String> etags = new ArrayList<>();
  boolean ended;

  S3Session(String id, String repository, Instant now, Path buffer) {
    this.id = id;
    this.repository = repository;
    this.startedAt = now;
    this.updatedAt = now;
    this.buffer = buffer;
  }

  UploadState state() {
    return new UploadState(id, repository, offset, startedAt, updatedAt);
  }
}
