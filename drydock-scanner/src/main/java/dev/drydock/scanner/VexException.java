package dev.drydock.scanner;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/**
 * An OpenVEX document could not be read: it is not JSON, goes over a size limit, lacks a required
 * field or has a value outside the spec's closed sets. Names the file and, when the problem is in a
 * statement, the statement's index.
 */
public final class VexException extends ScannerException {
  @Serial private static final long serialVersionUID = 1L;

  private final String source;
  private final @Nullable Integer statement;

  /**
   * Creates the exception.
   *
   * @param source the file the document came from
   * @param statement the index of the offending statement, or null for a document-level problem
   * @param problem what is wrong
   */
  public VexException(String source, @Nullable Integer statement, String problem) {
    super(message(source, statement, problem));
    this.source = source;
    this.statement = statement;
  }

  /** Same as {@link #VexException(String, Integer, String)} with the parser's cause. */
  public VexException(String source, @Nullable Integer statement, String problem, Throwable cause) {
    super(message(source, statement, problem), cause);
    this.source = source;
    this.statement = statement;
  }

  /** {@return the file the document came from} */
  public String source() {
    return source;
  }

  /** {@return the index of the offending statement, or null for a document-level problem} */
  public @Nullable Integer statement() {
    return statement;
  }

  private static String message(String source, @Nullable Integer statement, String problem) {
    String where = statement == null ? source : source + " (statement " + statement + ")";
    return "Malformed OpenVEX document "
        + where
        + ": "
        + problem
        + ". Check it against the OpenVEX spec v0.2.0"
        + " (https://github.com/openvex/spec/blob/main/OPENVEX-SPEC.md).";
  }
}
