package dev.drydock.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The one codec for registry tokens: JWS compact serialization (RFC 7515 section 7.1) of a JSON
 * header and the claim set of https://distribution.github.io/distribution/spec/auth/jwt/. Parsing
 * is strict: a size cap, unpadded base64url only, exactly three parts, JSON objects without
 * duplicate keys or trailing data, and claims of the right JSON types.
 */
final class TokenCodec {
  /** Tokens larger than this are refused before any decoding. */
  static final int MAX_TOKEN_CHARS = 8 * 1024;

  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();

  private TokenCodec() {}

  /** A split compact JWS: the decoded header and payload, what was signed, and the signature. */
  static final class Jws {
    final JsonNode header;
    final byte[] payload;
    final byte[] signingInput;
    final byte[] signature;

    Jws(JsonNode header, byte[] payload, byte[] signingInput, byte[] signature) {
      this.header = header;
      this.payload = payload;
      this.signingInput = signingInput;
      this.signature = signature;
    }
  }

  static Jws split(String token) throws TokenException {
    if (token.length() > MAX_TOKEN_CHARS) {
      throw malformed("is larger than " + MAX_TOKEN_CHARS + " characters");
    }
    int dot1 = token.indexOf('.');
    int dot2 = dot1 < 0 ? -1 : token.indexOf('.', dot1 + 1);
    if (dot2 < 0 || token.indexOf('.', dot2 + 1) >= 0) {
      throw malformed("is not a compact JWS (header.payload.signature)");
    }
    JsonNode header = object(decode(token.substring(0, dot1), "header"), "header");
    byte[] payload = decode(token.substring(dot1 + 1, dot2), "payload");
    // An empty signature is left to the algorithm check, which refuses "none" by name.
    String sig = token.substring(dot2 + 1);
    byte[] signature = sig.isEmpty() ? new byte[0] : decode(sig, "signature");
    byte[] signingInput = token.substring(0, dot2).getBytes(StandardCharsets.US_ASCII);
    return new Jws(header, payload, signingInput, signature);
  }

  /** {@return the claims of a payload} @throws TokenException (MALFORMED) naming the bad claim */
  static TokenClaims claims(byte[] payload) throws TokenException {
    JsonNode c = object(payload, "payload");
    List<String> audience = new ArrayList<>();
    JsonNode aud = c.path("aud");
    if (aud.isArray()) {
      for (JsonNode a : aud) {
        audience.add(text(a, "aud"));
      }
    } else {
      audience.add(text(aud, "aud"));
    }
    List<TokenScope> access = new ArrayList<>();
    JsonNode entries = c.path("access");
    if (!entries.isArray() || entries.size() > TokenScope.MAX_SCOPES) {
      throw malformed("claim 'access' is not an array of at most " + TokenScope.MAX_SCOPES);
    }
    for (JsonNode e : entries) {
      JsonNode actions = e.path("actions");
      if (!actions.isArray()) {
        throw malformed("claim 'access' has an entry without an actions array");
      }
      List<String> names = new ArrayList<>();
      for (JsonNode a : actions) {
        names.add(text(a, "access.actions"));
      }
      access.add(
          scope(text(e.path("type"), "access.type"), text(e.path("name"), "access.name"), names));
    }
    try {
      return new TokenClaims(
          text(c.path("iss"), "iss"),
          text(c.path("sub"), "sub"),
          audience,
          time(c.path("exp"), "exp"),
          time(c.path("nbf"), "nbf"),
          time(c.path("iat"), "iat"),
          text(c.path("jti"), "jti"),
          access);
    } catch (IllegalArgumentException e) {
      throw malformed("has invalid claims: " + String.valueOf(e.getMessage()));
    }
  }

  static byte[] encodeHeader(String kid) {
    ObjectNode h = JSON.createObjectNode();
    h.put("typ", "JWT").put("alg", "ES256").put("kid", kid);
    return bytes(h);
  }

  static byte[] encodeClaims(TokenClaims claims) {
    ObjectNode c = JSON.createObjectNode();
    c.put("iss", claims.issuer()).put("sub", claims.subject());
    if (claims.audience().size() == 1) {
      c.put("aud", claims.audience().getFirst());
    } else {
      ArrayNode aud = c.putArray("aud");
      claims.audience().forEach(aud::add);
    }
    c.put("exp", claims.expiresAt().getEpochSecond())
        .put("nbf", claims.notBefore().getEpochSecond())
        .put("iat", claims.issuedAt().getEpochSecond())
        .put("jti", claims.jwtId());
    ArrayNode access = c.putArray("access");
    for (TokenScope s : claims.access()) {
      ObjectNode e = access.addObject().put("type", s.type()).put("name", s.name());
      ArrayNode actions = e.putArray("actions");
      s.actions().forEach(actions::add);
    }
    return bytes(c);
  }

  static String base64(byte[] bytes) {
    return B64.encodeToString(bytes);
  }

  /**
   * The key id drydock puts in {@code kid}: the RFC 7638 JWK thumbprint of the P-256 public key,
   * i.e. unpadded base64url of SHA-256 over {@code {"crv":"P-256","kty":"EC","x":..,"y":..}}. It is
   * a standard, stable function of the key alone, so any party holding the key can compute it.
   */
  static String keyId(ECPublicKey key) {
    String jwk =
        "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\""
            + base64(coordinate(key.getW().getAffineX().toByteArray()))
            + "\",\"y\":\""
            + base64(coordinate(key.getW().getAffineY().toByteArray()))
            + "\"}";
    try {
      return base64(
          MessageDigest.getInstance("SHA-256").digest(jwk.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  /**
   * Left-pads or strips a two's-complement integer to the 32 unsigned bytes of a P-256 coordinate.
   */
  private static byte[] coordinate(byte[] twos) {
    byte[] out = new byte[32];
    int n = Math.min(32, twos.length);
    System.arraycopy(twos, twos.length - n, out, 32 - n, n);
    return out;
  }

  private static TokenScope scope(String type, String name, List<String> actions)
      throws TokenException {
    try {
      return new TokenScope(type, name, actions);
    } catch (IllegalArgumentException e) {
      throw malformed("has an invalid access entry: " + String.valueOf(e.getMessage()));
    }
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a JSON tree", e);
    }
  }

  private static byte[] decode(String part, String what) throws TokenException {
    // The JDK decoder also accepts '=' padding, which JWS forbids (RFC 7515 section 2).
    if (part.isEmpty() || part.indexOf('=') >= 0) {
      throw malformed("has an empty or padded " + what);
    }
    try {
      return UNB64.decode(part);
    } catch (IllegalArgumentException e) {
      throw malformed("has a " + what + " that is not base64url");
    }
  }

  private static JsonNode object(byte[] json, String what) throws TokenException {
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw malformed("has a " + what + " that is not valid JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw malformed("has a " + what + " that cannot be read as JSON");
    }
    if (node == null || !node.isObject()) {
      throw malformed("has a " + what + " that is not a JSON object");
    }
    return node;
  }

  private static String text(JsonNode node, String claim) throws TokenException {
    if (!node.isTextual()) {
      throw malformed("has no string claim '" + claim + "'");
    }
    return node.textValue();
  }

  private static Instant time(JsonNode node, String claim) throws TokenException {
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw malformed("has no integer claim '" + claim + "'");
    }
    long seconds = node.longValue();
    if (seconds < 0 || seconds > 253_402_300_799L) { // 9999-12-31T23:59:59Z
      throw malformed("has claim '" + claim + "' out of range");
    }
    return Instant.ofEpochSecond(seconds);
  }

  private static TokenException malformed(String what) {
    return new TokenException(
        TokenException.Reason.MALFORMED,
        "bearer token " + what + "; request a new token from the token service");
  }
}
