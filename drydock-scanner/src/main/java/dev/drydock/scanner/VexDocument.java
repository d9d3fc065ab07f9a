package dev.drydock.scanner;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One OpenVEX document (<a href="https://github.com/openvex/spec/blob/main/OPENVEX-SPEC.md">OpenVEX
 * spec v0.2.0</a>, also the v0.0.x string forms of {@code vulnerability}, {@code products} and
 * {@code subcomponents}): who said what about which vulnerability in which product, and when.
 *
 * @param source the file the document was read from, for suppression reasons and errors
 * @param context the {@code @context} IRI, starting with {@code https://openvex.dev/ns}
 * @param id the document's {@code @id}
 * @param author the document's author
 * @param timestamp when the document was issued; statements without their own inherit it
 * @param version the document revision, at least 1
 * @param statements the statements in document order
 */
public record VexDocument(
    String source,
    String context,
    String id,
    String author,
    Instant timestamp,
    int version,
    List<VexStatement> statements) {

  /** The largest document {@link #parse} accepts. */
  public static final int MAX_BYTES = 4 * 1024 * 1024;

  /** The most statements {@link #parse} accepts in one document. */
  public static final int MAX_STATEMENTS = 100_000;

  /** Validates and copies the statements. */
  public VexDocument {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(timestamp, "timestamp");
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1, got " + version);
    }
    statements = List.copyOf(statements);
  }

  /**
   * Parses an OpenVEX document. Strict on required fields and closed value sets, tolerant of
   * unknown fields.
   *
   * @param json the UTF-8 JSON bytes, at most {@link #MAX_BYTES}
   * @param source the file name, for error messages and suppression reasons
   * @throws VexException naming the source (and the statement index) when the document is not JSON,
   *     too big, or violates the spec
   */
  public static VexDocument parse(byte[] json, String source) throws VexException {
    return VexParser.parse(json, source);
  }
}
