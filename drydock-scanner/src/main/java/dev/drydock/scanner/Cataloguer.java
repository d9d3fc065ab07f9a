package dev.drydock.scanner;

import dev.drydock.oci.FileEntry;
import java.io.IOException;
import java.io.InputStream;

/**
 * One kind of package evidence in an image. The catalogue walks the image's final files once; each
 * cataloguer says which files it wants (by path and type, without reading them), reads the ones it
 * gets, and reports packages and problems to the sink.
 */
interface Cataloguer {
  /** {@return the short name stamped on packages, e.g. {@code java-archive}} */
  String name();

  /** {@return whether this cataloguer wants to read {@code entry} (a regular file)} */
  boolean wants(FileEntry entry);

  /**
   * Reads one wanted file. Malformed content is reported to {@link CatalogSink#problem}, never
   * thrown; an {@link IOException} means the image itself could not be read.
   *
   * @param content the file's content, valid only during this call
   */
  void read(FileEntry entry, InputStream content, CatalogSink sink) throws IOException;

  /** Runs after every wanted file was read; cataloguers that need several files report here. */
  default void finish(CatalogSink sink) {}
}
