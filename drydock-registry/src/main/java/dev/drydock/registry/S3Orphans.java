package dev.drydock.registry;

import java.time.Instant;
import java.util.Set;

/**
 * Finds what killed processes left under {@code uploads/}: multipart uploads never completed or
 * aborted, and staging objects never copied and deleted. Removes those that no live session owns
 * and that S3 dates before the cutoff (S3's clock: {@code Initiated}, {@code LastModified}).
 */
final class S3Orphans {
  private final S3Operations s3;
  private final String prefix;
  private final Set<String> live;
  private final Instant cutoff;

  S3Orphans(S3Operations s3, String prefix, Set<String> live, Instant cutoff) {
    this.s3 = s3;
    this.prefix = prefix;
    this.live = live;
    this.cutoff = cutoff;
  }

  /** {@return how many multipart uploads were aborted and staging objects deleted} */
  int sweep() throws RegistryException {
    return abortUploads() + deleteStaged();
  }

  private int abortUploads() throws RegistryException {
    int removed = 0;
    String keyMarker = null;
    String idMarker = null;
    for (int page = 0; page < S3BlobStorage.MAX_PAGES; page++) {
      S3Operations.Page<S3Operations.PendingUpload> pending =
          s3.listMultipart(prefix, keyMarker, idMarker);
      for (S3Operations.PendingUpload upload : pending.items()) {
        if (!live.contains(upload.key()) && upload.initiated().isBefore(cutoff)) {
          s3.abortMultipart(upload.key(), upload.uploadId());
          removed++;
        }
      }
      keyMarker = pending.next();
      idMarker = pending.nextUploadId();
      if (keyMarker == null) {
        return removed;
      }
    }
    throw new RegistryException("The multipart upload listing under " + prefix + " does not end");
  }

  private int deleteStaged() throws RegistryException {
    int removed = 0;
    String token = null;
    for (int page = 0; page < S3BlobStorage.MAX_PAGES; page++) {
      S3Operations.Page<S3Operations.Listed> staged = s3.list(prefix, token);
      for (S3Operations.Listed object : staged.items()) {
        if (!live.contains(object.key()) && object.lastModified().isBefore(cutoff)) {
          s3.delete(object.key());
          removed++;
        }
      }
      token = staged.next();
      if (token == null) {
        return removed;
      }
    }
    throw new RegistryException("The listing under " + prefix + " does not end");
  }
}
