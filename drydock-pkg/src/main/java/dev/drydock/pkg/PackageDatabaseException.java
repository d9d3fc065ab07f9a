package dev.drydock.pkg;

import java.io.Serial;
import java.nio.file.Path;

/**
 * A package database, os-release file or package index could not be read: it is missing a part,
 * malformed, too large, or in a format drydock does not read. The message names the file and the
 * line or byte offset, and says what to do.
 */
public class PackageDatabaseException extends Exception {
  @Serial private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final String location;

  /**
   * Creates the exception.
   *
   * @param file the file that could not be read
   * @param location where in it, e.g. {@code line 12} or {@code offset 0x40}; empty when the whole
   *     file is at fault
   * @param message what is wrong and what to do
   * @param cause the underlying failure, if any
   */
  public PackageDatabaseException(
      Path file,
      String location,
      String message,
      @org.jspecify.annotations.Nullable Throwable cause) {
    super(file + (location.isEmpty() ? "" : " (" + location + ")") + ": " + message, cause);
    this.file = file;
    this.location = location;
  }

  /** Creates the exception without a cause. */
  public PackageDatabaseException(Path file, String location, String message) {
    this(file, location, message, null);
  }

  /** {@return the file that could not be read} */
  public Path file() {
    return file;
  }

  /** {@return where in the file, e.g. {@code line 12}; empty when the whole file is at fault} */
  public String location() {
    return location;
  }
}
