package dev.drydock.registry;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for requests authenticated by the {@code Authorization} header.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html">Signature
 *     Version 4, header-based authentication</a>
 */
final class S3Signer {
  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  static final String EMPTY_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final HexFormat HEX = HexFormat.of();

  private final S3Credentials credentials;
  private final String region;
  private final String service;

  S3Signer(S3Credentials credentials, String region, String service) {
    this.credentials = credentials;
    this.region = region;
    this.service = service;
  }

  static String amzDate(Instant when) {
    return AMZ_DATE.format(when);
  }

  /**
   * A request to sign: the path not yet encoded, query parameters not yet encoded, and the headers
   * to sign (which must include {@code host} and {@code x-amz-date}).
   */
  record Request(
      String method,
      String path,
      Map<String, String> query,
      Map<String, String> headers,
      String payloadHash) {}

  /** What signing produced: the parts a test compares with published vectors, and the header. */
  record Signed(
      String canonicalRequest, String stringToSign, String signature, String authorization) {}

  Signed sign(Request request) {
    String amzDate = header(request.headers(), "x-amz-date");
    String day = amzDate.substring(0, 8);
    TreeMap<String, String> headers = new TreeMap<>();
    request
        .headers()
        .forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), trimValue(value)));
    String signedHeaders = String.join(";", headers.keySet());
    StringBuilder canonicalHeaders = new StringBuilder();
    headers.forEach((k, v) -> canonicalHeaders.append(k).append(':').append(v).append('\n'));
    String canonicalRequest =
        request.method()
            + "\n"
            + encodePath(request.path())
            + "\n"
            + canonicalQuery(request.query())
            + "\n"
            + canonicalHeaders
            + "\n"
            + signedHeaders
            + "\n"
            + request.payloadHash();
    String scope = day + "/" + region + "/" + service + "/aws4_request";
    String stringToSign =
        ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + sha256Hex(canonicalRequest);
    byte[] key = signingKey(day);
    String signature = HEX.formatHex(hmac(key, stringToSign));
    String authorization =
        ALGORITHM
            + " Credential="
            + credentials.accessKeyId()
            + "/"
            + scope
            + ", SignedHeaders="
            + signedHeaders
            + ", Signature="
            + signature;
    return new Signed(canonicalRequest, stringToSign, signature, authorization);
  }

  private byte[] signingKey(String day) {
    byte[] secret = ("AWS4" + credentials.secret()).getBytes(StandardCharsets.UTF_8);
    byte[] dateKey = hmac(secret, day);
    byte[] regionKey = hmac(dateKey, region);
    byte[] serviceKey = hmac(regionKey, service);
    return hmac(serviceKey, "aws4_request");
  }

  private static String header(Map<String, String> headers, String name) {
    for (Map.Entry<String, String> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    throw new IllegalArgumentException("a SigV4 request needs the " + name + " header");
  }

  /** Trims a header value and folds inner runs of spaces, as the canonical form requires. */
  private static String trimValue(String value) {
    return value.strip().replaceAll(" +", " ");
  }

  /** Encodes each path segment once (S3 does not double-encode), keeping the slashes. */
  static String encodePath(String path) {
    if (path.isEmpty()) {
      return "/";
    }
    List<String> parts = new ArrayList<>();
    for (String segment : path.split("/", -1)) {
      parts.add(encode(segment));
    }
    return String.join("/", parts);
  }

  static String canonicalQuery(Map<String, String> query) {
    TreeMap<String, String> sorted = new TreeMap<>();
    query.forEach((k, v) -> sorted.put(encode(k), encode(v)));
    StringBuilder out = new StringBuilder();
    sorted.forEach(
        (k, v) -> {
          if (!out.isEmpty()) {
            out.append('&');
          }
          out.append(k).append('=').append(v);
        });
    return out.toString();
  }

  /** RFC 3986 percent-encoding of everything but the unreserved characters, in upper-case hex. */
  static String encode(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX.withUpperCase().toHexDigits((byte) c));
      }
    }
    return out.toString();
  }

  static String sha256Hex(String text) {
    return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
  }

  static String sha256Hex(byte[] bytes) {
    return HEX.formatHex(Hashing.sha256().digest(bytes));
  }

  static String hex(MessageDigest digest) {
    return HEX.formatHex(digest.digest());
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK lacks HmacSHA256", e);
    }
  }
}
