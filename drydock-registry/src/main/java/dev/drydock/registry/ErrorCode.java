package dev.drydock.registry;

/**
 * The error codes of the distribution spec, each with the HTTP status drydock answers it with.
 *
 * @see <a
 *     href="https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#error-codes">error
 *     codes</a>
 */
public enum ErrorCode {
  /** A blob the request names is not in the repository. */
  BLOB_UNKNOWN(404, "blob unknown to registry"),
  /** The upload cannot be completed as sent (size, content or range). */
  BLOB_UPLOAD_INVALID(400, "blob upload invalid"),
  /** The upload session does not exist, ended or expired. */
  BLOB_UPLOAD_UNKNOWN(404, "blob upload unknown to registry"),
  /** A digest is malformed, of an unsupported algorithm, or does not match the content. */
  DIGEST_INVALID(400, "provided digest did not match uploaded content"),
  /** A manifest names a blob or manifest the repository does not hold. */
  MANIFEST_BLOB_UNKNOWN(400, "manifest references a manifest or blob unknown to registry"),
  /** The manifest is not valid JSON of a supported type. */
  MANIFEST_INVALID(400, "manifest invalid"),
  /** The manifest or tag is not in the repository. */
  MANIFEST_UNKNOWN(404, "manifest unknown to registry"),
  /** The repository name does not match the spec's grammar. */
  NAME_INVALID(400, "invalid repository name"),
  /** The repository does not exist. */
  NAME_UNKNOWN(404, "repository name not known to registry"),
  /** A length does not match the content, or the content is over a limit. */
  SIZE_INVALID(400, "provided length did not match content length"),
  /** The request needs credentials. */
  UNAUTHORIZED(401, "authentication required"),
  /** The caller may not do this; the message says which policy refused it. */
  DENIED(403, "requested access to the resource is denied"),
  /** The operation is not supported. */
  UNSUPPORTED(405, "the operation is unsupported"),
  /** The caller is rate limited. */
  TOOMANYREQUESTS(429, "too many requests");

  private final int status;
  private final String message;

  ErrorCode(int status, String message) {
    this.status = status;
    this.message = message;
  }

  /** {@return the HTTP status this code is sent with by default} */
  public int status() {
    return status;
  }

  /** {@return the spec's description of the code} */
  public String message() {
    return message;
  }
}
