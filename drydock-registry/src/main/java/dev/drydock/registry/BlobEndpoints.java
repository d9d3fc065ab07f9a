package dev.drydock.registry;

import dev.drydock.model.Digest;
import dev.drydock.registry.BlobStorage.UploadState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.function.Predicate;
import org.eclipse.jetty.io.Content;
import org.jspecify.annotations.Nullable;

/**
 * Blob pulls, deletes and uploads (monolithic, chunked, mounted).
 *
 * @see <a
 *     href="https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#pushing-blobs">pushing
 *     blobs</a>
 */
final class BlobEndpoints {
  private static final String OCTETS = "application/octet-stream";

  private final BlobStorage blobs;
  private final MetadataStore metadata;
  private final RegistryConfig config;
  private final ManifestEndpoints.Guard guard;

  /**
   * @param guard asked before a blob is committed or mounted, with its size (quotas)
   */
  BlobEndpoints(RegistryHandler.Storage storage, ManifestEndpoints.Guard guard) {
    this.blobs = storage.blobs();
    this.metadata = storage.metadata();
    this.config = storage.config();
    this.guard = guard;
  }

  /** GET or HEAD {@code /v2/<name>/blobs/<digest>}, with an optional single Range. */
  void get(Exchange x, String name, Digest digest) throws RegistryException {
    long size = metadata.isBlobLinked(name, digest) ? blobs.size(digest) : -1;
    if (size < 0) {
      throw new DistributionException(
          ErrorCode.BLOB_UNKNOWN, "blob " + digest + " is not in repository " + name);
    }
    x.header("Docker-Content-Digest", digest.toString());
    x.header("Accept-Ranges", "bytes");
    x.header("ETag", "\"" + digest + "\"");
    x.header("Cache-Control", "max-age=31536000");
    String rangeHeader = x.header("Range");
    ByteRange range = null;
    if (rangeHeader != null) {
      try {
        range = ByteRange.range(rangeHeader, size);
      } catch (DistributionException e) {
        x.header("Content-Range", "bytes */" + size);
        throw e;
      }
    }
    int status = 200;
    long offset = 0;
    long length = size;
    if (range != null) {
      status = 206;
      offset = range.first();
      length = range.length();
      x.header("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + size);
    }
    if (x.isHead()) {
      x.sendHeaders(status, OCTETS, length);
      return;
    }
    Path file = blobs.localFile(digest);
    Content.Source source =
        file != null
            ? Content.Source.from(x.buffers(), file, offset, length)
            : Content.Source.from(x.buffers(), blobs.open(digest, offset), 0, length);
    x.send(status, OCTETS, length, source);
  }

  /** DELETE {@code /v2/<name>/blobs/<digest>}: the repository stops serving it. */
  void delete(Exchange x, String name, Digest digest) throws RegistryException {
    // The rules (immutable tags) judge the content by digest, as for a manifest delete.
    guard.check(x, AccessPolicy.Action.DELETE, name, digest, null, 0);
    if (!metadata.unlinkBlob(name, digest)) {
      throw new DistributionException(
          ErrorCode.BLOB_UNKNOWN, "blob " + digest + " is not in repository " + name);
    }
    x.send(202);
  }

  /**
   * POST {@code /v2/<name>/blobs/uploads/}: mount, single-request upload, or a new session.
   *
   * @param mayPull whether the caller may pull from a repository (to mount from it)
   */
  void startUpload(Exchange x, String name, Predicate<String> mayPull)
      throws RegistryException, IOException {
    String algorithm = x.query("digest-algorithm");
    if (algorithm != null && !algorithm.equals("sha256") && !algorithm.equals("sha512")) {
      throw new DistributionException(
          ErrorCode.DIGEST_INVALID,
          "digest-algorithm " + Refs.clip(algorithm) + " is not supported");
    }
    String mount = x.query("mount");
    String from = x.query("from");
    if (mount != null && from != null && mount(x, name, Refs.digest(mount), from, mayPull)) {
      return;
    }
    String single = x.query("digest");
    UploadState state;
    try {
      state = blobs.startUpload(name);
    } catch (UploadRejectedException e) {
      throw map(e, null);
    }
    if (single != null) {
      Digest digest = Refs.digest(single);
      finish(x, name, state, digest, null);
      return;
    }
    accepted(x, name, state, 202);
  }

  /**
   * Links a blob that repository {@code from} holds and the caller may pull. There is no automatic
   * mount (without {@code from}): knowing a digest is no proof of the right to read it, and the
   * stored content may be a manifest another repository gates. The spec lets a registry answer such
   * a request with a new upload session instead.
   *
   * @return false when it cannot be mounted and an upload session must start instead
   * @see <a
   *     href="https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#mounting-a-blob-from-another-repository">mounting
   *     a blob</a>
   */
  private boolean mount(
      Exchange x, String name, Digest digest, String from, Predicate<String> mayPull)
      throws RegistryException {
    // Only blob links count: a manifest is stored as content but never linked as a blob, so it
    // cannot be mounted and then read through /blobs/ past the manifest pull gate.
    if (!Refs.isName(from)
        || !mayPull.test(from)
        || !metadata.isBlobLinked(from, digest)
        || blobs.size(digest) < 0) {
      return false;
    }
    guard.check(x, AccessPolicy.Action.PUSH, name, null, null, blobs.size(digest));
    metadata.linkBlob(name, digest);
    created(x, name, digest);
    return true;
  }

  /** GET, PATCH, PUT or DELETE on an upload session. */
  void upload(Exchange x, String name, String id) throws RegistryException, IOException {
    UploadState state = session(name, id);
    switch (x.method()) {
      case "GET" -> accepted(x, name, state, 204);
      case "DELETE" -> {
        blobs.cancel(id);
        x.send(204);
      }
      case "PATCH" -> accepted(x, name, append(x, state), 202);
      case "PUT" -> {
        String digest = x.query("digest");
        if (digest == null) {
          throw new DistributionException(
              ErrorCode.DIGEST_INVALID, "closing an upload needs ?digest=<digest of the blob>");
        }
        finish(x, name, state, Refs.digest(digest), x.header("Content-Range"));
      }
      default -> throw new IllegalStateException("routed method " + x.method());
    }
  }

  private UploadState session(String name, String id) throws RegistryException {
    UploadState state = blobs.upload(id);
    if (state == null || !state.repository().equals(name)) {
      throw new DistributionException(
          ErrorCode.BLOB_UPLOAD_UNKNOWN, "upload " + Refs.clip(id) + " is unknown in " + name);
    }
    if (state.updatedAt().plus(config.uploadTtl()).isBefore(config.clock().instant())) {
      blobs.cancel(id);
      throw new DistributionException(
          ErrorCode.BLOB_UPLOAD_UNKNOWN, "upload " + id + " expired: start a new one");
    }
    return state;
  }

  /** Appends the request body where its Content-Range says, or at the end without one. */
  private UploadState append(Exchange x, UploadState state) throws RegistryException, IOException {
    String header = x.header("Content-Range");
    long limit = config.maxBlobBytes();
    if (header != null) {
      ByteRange range = ByteRange.contentRange(header);
      if (range.first() != state.offset()) {
        x.header("Location", "/v2/" + state.repository() + "/blobs/uploads/" + state.id());
        x.header("Range", "0-" + Math.max(0, state.offset() - 1));
        throw outOfOrder(state, range);
      }
      long declared = x.contentLength();
      if (declared >= 0 && declared != range.length()) {
        throw new DistributionException(
            ErrorCode.SIZE_INVALID,
            "Content-Length " + declared + " differs from Content-Range " + header);
      }
      limit = Math.min(limit, range.last() + 1);
    }
    try (InputStream body = x.body()) {
      return blobs.append(state.id(), state.offset(), body, limit);
    } catch (UploadRejectedException e) {
      throw map(e, state);
    }
  }

  /** Appends an optional last chunk, then verifies and commits the blob. */
  private void finish(
      Exchange x, String name, UploadState state, Digest digest, @Nullable String range)
      throws RegistryException, IOException {
    UploadState current = state;
    if (range != null || x.contentLength() != 0) {
      current = append(x, state);
    }
    try {
      guard.check(x, AccessPolicy.Action.PUSH, name, null, null, current.offset());
    } catch (DistributionException e) {
      blobs.cancel(current.id()); // refused for good (quota): the session's data is not kept
      throw e;
    }
    try {
      blobs.commit(current.id(), digest);
    } catch (UploadRejectedException e) {
      throw map(e, current);
    }
    metadata.linkBlob(name, digest);
    created(x, name, digest);
  }

  private static DistributionException map(UploadRejectedException e, @Nullable UploadState state) {
    String message = String.valueOf(e.getMessage());
    return switch (e.reason()) {
      case RANGE -> new DistributionException(ErrorCode.BLOB_UPLOAD_INVALID, 416, message, null);
      case DIGEST -> new DistributionException(ErrorCode.DIGEST_INVALID, message);
      case SIZE -> new DistributionException(ErrorCode.SIZE_INVALID, message);
      case UNKNOWN ->
          new DistributionException(
              ErrorCode.BLOB_UPLOAD_UNKNOWN,
              state == null ? message : "upload " + state.id() + " is unknown");
      case TOO_MANY -> new DistributionException(ErrorCode.TOOMANYREQUESTS, message);
    };
  }

  private static DistributionException outOfOrder(UploadState state, ByteRange range) {
    return new DistributionException(
        ErrorCode.BLOB_UPLOAD_INVALID,
        416,
        "chunk starts at "
            + range.first()
            + " but upload "
            + state.id()
            + " holds "
            + state.offset()
            + " bytes: send the chunk that starts there (GET the upload for its Range)",
        null);
  }

  private static void accepted(Exchange x, String name, UploadState state, int status) {
    x.header("Location", "/v2/" + name + "/blobs/uploads/" + state.id());
    x.header("Range", "0-" + Math.max(0, state.offset() - 1));
    x.header("Docker-Upload-UUID", state.id());
    x.send(status);
  }

  private static void created(Exchange x, String name, Digest digest) {
    x.header("Location", "/v2/" + name + "/blobs/" + digest);
    x.header("Docker-Content-Digest", digest.toString());
    x.send(201);
  }
}
