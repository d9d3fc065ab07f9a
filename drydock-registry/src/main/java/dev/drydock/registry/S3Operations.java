package dev.drydock.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The S3 actions the blob store uses, one method each, over {@link S3Client}.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_Operations_Amazon_Simple_Storage_Service.html">S3
 *     API operations</a>
 */
final class S3Operations {
  private static final Map<String, String> NO_QUERY = Map.of();
  private static final Map<String, String> NO_HEADERS = Map.of();
  private static final int PAGE = 1000;

  private final S3Client client;
  private final int page;

  S3Operations(S3Client client) {
    this(client, PAGE);
  }

  /** With {@code page} entries per listing page (tests use small pages to exercise paging). */
  S3Operations(S3Client client, int page) {
    this.client = client;
    this.page = page;
  }

  /** An object's size, as HeadObject reports it. */
  record Head(long size, @Nullable String etag) {}

  /** A listed object. */
  record Listed(String key, long size, Instant lastModified) {}

  /** A listed multipart upload. */
  record PendingUpload(String key, String uploadId, Instant initiated) {}

  /** One page of a listing and where the next one starts (null when this was the last). */
  record Page<T>(List<T> items, @Nullable String next, @Nullable String nextUploadId) {}

  /** {@return the object's size, or null when it does not exist} */
  @Nullable Head head(String key) throws RegistryException {
    S3Client.Response r = client.send("read", "HEAD", key, NO_QUERY, NO_HEADERS, S3Client.NONE);
    r.discard();
    if (r.status() == 404) {
      return null;
    }
    if (r.status() / 100 != 2) {
      throw client.error("read the size of", key, r.status(), new byte[0]);
    }
    String length = r.header("Content-Length");
    try {
      return new Head(length == null ? -1 : Long.parseLong(length), r.header("ETag"));
    } catch (NumberFormatException e) {
      throw new RegistryException(
          "S3 sent a bad Content-Length for " + client.where(key) + ": " + length, e);
    }
  }

  /**
   * Opens the object from {@code offset} (a Range request when above 0).
   *
   * @return the body stream, or null when the object does not exist
   */
  @Nullable InputStream get(String key, long offset) throws RegistryException {
    Map<String, String> headers =
        offset > 0 ? Map.of("range", "bytes=" + offset + "-") : NO_HEADERS;
    S3Client.Response r = client.send("read", "GET", key, NO_QUERY, headers, S3Client.NONE);
    if (r.status() == 404) {
      r.discard();
      return null;
    }
    if (r.status() == 416) {
      // The object exists but the offset is at (or past) its end: nothing to read.
      r.discard();
      return InputStream.nullInputStream();
    }
    if (r.status() / 100 != 2) {
      throw client.error("read", key, r.status(), client.read(r, "read", key));
    }
    if (offset > 0 && r.status() != 206) {
      r.discard();
      throw new RegistryException(
          "S3 ignored the Range of a read of " + client.where(key) + ": the server lacks ranges");
    }
    return r.raw().body();
  }

  void put(String key, byte[] content) throws RegistryException {
    put(key, new S3Client.Body.Bytes(content));
  }

  void put(String key, Path file) throws RegistryException {
    put(key, new S3Client.Body.File(file));
  }

  private void put(String key, S3Client.Body body) throws RegistryException {
    client
        .expect(
            "store", "PUT", key, NO_QUERY, Map.of("content-type", "application/octet-stream"), body)
        .discard();
  }

  void delete(String key) throws RegistryException {
    S3Client.Response r = client.send("delete", "DELETE", key, NO_QUERY, NO_HEADERS, S3Client.NONE);
    byte[] body = client.read(r, "delete", key);
    if (r.status() / 100 != 2 && r.status() != 404) {
      throw client.error("delete", key, r.status(), body);
    }
  }

  /** Copies {@code source} to {@code target} inside the bucket (objects up to 5 GiB). */
  void copy(String source, String target) throws RegistryException {
    String from = "/" + client.settings.bucket() + "/" + source;
    S3Client.Response r =
        client.expect(
            "copy " + client.where(source) + " to",
            "PUT",
            target,
            NO_QUERY,
            Map.of("x-amz-copy-source", S3Signer.encodePath(from)),
            S3Client.NONE);
    client.xml(r, "copy " + client.where(source) + " to", target);
  }

  /** Lists objects under {@code prefix}, one page (ListObjectsV2). */
  Page<Listed> list(String prefix, @Nullable String continuation) throws RegistryException {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("list-type", "2");
    query.put("prefix", prefix);
    query.put("max-keys", Integer.toString(page));
    if (continuation != null) {
      query.put("continuation-token", continuation);
    }
    S3Client.Response r = client.expect("list", "GET", "", query, NO_HEADERS, S3Client.NONE);
    S3Xml.Element root = client.xml(r, "list", prefix);
    List<Listed> items = new ArrayList<>();
    for (S3Xml.Element e : root.all("Contents")) {
      items.add(
          new Listed(
              e.text("Key"), number(e.text("Size"), prefix), instant(e.text("LastModified"))));
    }
    String next = root.text("IsTruncated").equals("true") ? root.text("NextContinuationToken") : "";
    return new Page<>(items, next.isEmpty() ? null : next, null);
  }

  String createMultipart(String key) throws RegistryException {
    S3Client.Response r =
        client.expect(
            "start a multipart upload of",
            "POST",
            key,
            Map.of("uploads", ""),
            Map.of("content-type", "application/octet-stream"),
            S3Client.NONE);
    String id = client.xml(r, "start a multipart upload of", key).text("UploadId");
    if (id.isEmpty()) {
      throw new RegistryException(
          "S3 started a multipart upload of " + client.where(key) + " without an UploadId");
    }
    return id;
  }

  /** Uploads a part from a local file; {@return its ETag} */
  String uploadPart(String key, String uploadId, int partNumber, Path file)
      throws RegistryException {
    String op = "upload part " + partNumber + " of";
    S3Client.Response r =
        client.expect(
            op,
            "PUT",
            key,
            Map.of("partNumber", Integer.toString(partNumber), "uploadId", uploadId),
            NO_HEADERS,
            new S3Client.Body.File(file));
    String etag = r.header("ETag");
    r.discard();
    if (etag == null) {
      throw new RegistryException("S3 sent no ETag for part " + partNumber + " of " + key);
    }
    return etag;
  }

  void completeMultipart(String key, String uploadId, List<String> etags) throws RegistryException {
    StringBuilder xml = new StringBuilder("<CompleteMultipartUpload>");
    for (int i = 0; i < etags.size(); i++) {
      xml.append("<Part><PartNumber>")
          .append(i + 1)
          .append("</PartNumber><ETag>")
          .append(S3Xml.escape(etags.get(i)))
          .append("</ETag></Part>");
    }
    xml.append("</CompleteMultipartUpload>");
    S3Client.Response r =
        client.expect(
            "complete the multipart upload of",
            "POST",
            key,
            Map.of("uploadId", uploadId),
            Map.of("content-type", "application/xml"),
            new S3Client.Body.Bytes(xml.toString().getBytes(StandardCharsets.UTF_8)));
    // S3 may answer 200 and still report an error in the body.
    client.xml(r, "complete the multipart upload of", key);
  }

  void abortMultipart(String key, String uploadId) throws RegistryException {
    S3Client.Response r =
        client.send(
            "abort the multipart upload of",
            "DELETE",
            key,
            Map.of("uploadId", uploadId),
            NO_HEADERS,
            S3Client.NONE);
    byte[] body = client.read(r, "abort the multipart upload of", key);
    if (r.status() / 100 != 2 && r.status() != 404) {
      throw client.error("abort the multipart upload of", key, r.status(), body);
    }
  }

  /** Lists multipart uploads under {@code prefix}, one page (ListMultipartUploads). */
  Page<PendingUpload> listMultipart(
      String prefix, @Nullable String keyMarker, @Nullable String uploadIdMarker)
      throws RegistryException {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("uploads", "");
    query.put("prefix", prefix);
    query.put("max-uploads", Integer.toString(page));
    if (keyMarker != null) {
      query.put("key-marker", keyMarker);
      if (uploadIdMarker != null) {
        query.put("upload-id-marker", uploadIdMarker);
      }
    }
    S3Client.Response r =
        client.expect("list multipart uploads under", "GET", "", query, NO_HEADERS, S3Client.NONE);
    S3Xml.Element root = client.xml(r, "list multipart uploads under", prefix);
    List<PendingUpload> items = new ArrayList<>();
    for (S3Xml.Element e : root.all("Upload")) {
      items.add(new PendingUpload(e.text("Key"), e.text("UploadId"), instant(e.text("Initiated"))));
    }
    if (!root.text("IsTruncated").equals("true")) {
      return new Page<>(items, null, null);
    }
    String nextKey = root.text("NextKeyMarker");
    String nextId = root.text("NextUploadIdMarker");
    return new Page<>(items, nextKey.isEmpty() ? null : nextKey, nextId.isEmpty() ? null : nextId);
  }

  private long number(String text, String where) throws RegistryException {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new RegistryException("S3 listed a bad size '" + text + "' under " + where, e);
    }
  }

  private static Instant instant(String text) throws RegistryException {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new RegistryException("S3 listed a bad timestamp '" + Refs.clip(text) + "'", e);
    }
  }

  /** Closes a stream that may hold a connection, ignoring failures. */
  static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // the connection is dropped
    }
  }
}
