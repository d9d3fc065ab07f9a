package dev.drydock.scanner;

/**
 * Size caps applied to untrusted OSV input. Real records stay far below them (the largest bulk
 * record, an osv.dev API response, lists a few thousand versions), so a record that hits one is
 * broken or hostile.
 */
final class OsvLimits {
  static final int MAX_RECORD_BYTES = 8 * 1024 * 1024;
  static final int MAX_ID_CHARS = 256;
  static final int MAX_VERSION_CHARS = 512;
  static final int MAX_NAME_CHARS = 1024;
  static final int MAX_LIST = 10_000;
  static final int MAX_VERSIONS = 250_000;
  static final int MAX_SUMMARY_CHARS = 1_000;
  static final int MAX_DETAILS_CHARS = 2_000;
  static final int MAX_TEXT_CHARS = 8_192;
  static final int MAX_NESTING = 64;

  private OsvLimits() {}
}
