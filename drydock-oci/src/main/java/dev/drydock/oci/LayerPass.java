package dev.drydock.oci;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Reads one layer's tar entries: blob digest verified by {@link Image#openLayer}, decompressed with
 * limits, and the uncompressed stream checked against the layer's diffID once the tar has been read
 * to its end.
 */
final class LayerPass {
  @FunctionalInterface
  interface EntryHandler {
    void handle(TarEntry entry, int ordinal, InputStream content) throws IOException, OciException;
  }

  private LayerPass() {}

  static void run(Image image, Layer layer, Budget budget, EntryHandler handler)
      throws OciException {
    String what =
        "layer " + layer.index() + " (" + layer.blob().digest() + ") of " + image.source();
    try (InputStream blob = image.openLayer(layer)) {
      try {
        read(layer, budget, handler, what, blob);
      } catch (IOException e) {
        if (!(e instanceof OciIOException)) {
          // A corrupt stream usually means a tampered blob: report the digest if it does not match.
          try {
            blob.transferTo(OutputStream.nullOutputStream());
          } catch (OciIOException mismatch) {
            throw mismatch;
          } catch (IOException ignored) {
            // Keep the original failure.
          }
        }
        throw e;
      }
    } catch (IOException e) {
      throw OciIOException.unwrap(e, "Reading " + what);
    }
  }

  private static void read(
      Layer layer, Budget budget, EntryHandler handler, String what, InputStream blob)
      throws IOException, OciException {
    InputStream tar = LayerStreams.uncompressed(blob, what, budget);
    // An uncompressed blob (docker save) has its diffID as its digest: the blob stream already
    // verifies those very bytes, so hashing them a second time would only double the CPU cost.
    InputStream diff =
        layer.blob().digest().equals(layer.diffId())
            ? tar
            : new VerifyingInputStream(tar, layer.diffId(), -1, what + " uncompressed (diffID)");
    TarReader reader = new TarReader(diff, what, budget);
    int ordinal = 0;
    for (TarEntry entry = reader.next(); entry != null; entry = reader.next()) {
      handler.handle(entry, ordinal++, reader.content());
    }
    // The diffID covers the whole uncompressed stream, padding after the end marker included.
    diff.transferTo(OutputStream.nullOutputStream());
    blob.transferTo(OutputStream.nullOutputStream());
  }
}
