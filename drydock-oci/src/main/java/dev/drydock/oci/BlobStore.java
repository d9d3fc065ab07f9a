package dev.drydock.oci;

import java.io.IOException;
import java.io.InputStream;

/** Where an image's blobs come from: a tar index, a layout directory, a registry. */
interface BlobStore {
  /** Opens the raw (unverified) bytes of a blob; {@link Image} verifies them. */
  InputStream open(Descriptor blob) throws IOException, OciException;
}
