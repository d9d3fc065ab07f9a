package dev.drydock.scanner;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/**
 * An OSV record could not be read: it is not JSON, lacks a required field, has a field of the wrong
 * type or goes over a size limit. Names the file (or archive entry) and, when it got that far, the
 * record's id.
 */
public final class OsvFormatException extends ScannerException {
  @Serial private static final long serialVersionUID = 1L;

  private final String source;
  private final @Nullable String recordId;

  /**
   * Creates the exception.
   *
   * @param source the file, archive entry or URL the record came from
   * @param recordId the record's id when it was read before the problem, else null
   * @param problem what is wrong
   */
  public OsvFormatException(String source, @Nullable String recordId, String problem) {
    super(message(source, recordId, problem));
    this.source = source;
    this.recordId = recordId;
  }

  /** Same as {@link #OsvFormatException(String, String, String)} with the parser's cause. */
  public OsvFormatException(
      String source, @Nullable String recordId, String problem, Throwable cause) {
    super(message(source, recordId, problem), cause);
    this.source = source;
    this.recordId = recordId;
  }

  /** {@return the file, archive entry or URL the record came from} */
  public String source() {
    return source;
  }

  /** {@return the record id, when known} */
  public @Nullable String recordId() {
    return recordId;
  }

  private static String message(String source, @Nullable String recordId, String problem) {
    String where = recordId == null ? source : source + " (record " + recordId + ")";
    return "Malformed OSV record in "
        + where
        + ": "
        + problem
        + ". Check the file against the OSV schema (https://ossf.github.io/osv-schema/).";
  }
}
