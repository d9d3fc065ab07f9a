package dev.drydock.oci;

import java.io.IOException;
import java.io.InputStream;

/**
 * Opens the bytes of a blob to upload. It may be opened more than once (a request is sent again
 * after an authentication challenge), so it must give the same bytes each time. The uploader
 * verifies them against the digest it was told.
 */
@FunctionalInterface
public interface BlobContent {
  /** {@return a new stream over the blob's bytes; the uploader closes it} */
  InputStream open() throws IOException;
}
