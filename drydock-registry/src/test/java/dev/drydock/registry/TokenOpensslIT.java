package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop: a token drydock issues verifies with OpenSSL, an independent ECDSA implementation, after
 * its JWS signature (raw R||S, RFC 7518 section 3.4) is converted to the DER form OpenSSL expects;
 * and OpenSSL refuses it once the payload is altered.
 */
class TokenOpensslIT {
  @TempDir Path dir;

  @Test
  void opensslVerifiesAnIssuedToken() throws Exception {
    KeyPair keys = TokenTest.newKey();
    TokenIssuer issuer =
        new TokenIssuer(
            "drydock-token",
            keys,
            (subject, scope) -> Set.of("pull", "push"),
            Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
    String token =
        issuer
            .issue(
                "alice",
                "registry.test",
                TokenScope.parseAll(List.of("repository:team/app:pull,push")))
            .token();
    int dot = token.lastIndexOf('.');
    Files.writeString(dir.resolve("input"), token.substring(0, dot), StandardCharsets.US_ASCII);
    Files.write(
        dir.resolve("sig.der"), der(Base64.getUrlDecoder().decode(token.substring(dot + 1))));
    Files.writeString(
        dir.resolve("pub.pem"),
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(keys.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n",
        StandardCharsets.US_ASCII);
    List<String> verify =
        List.of(
            "openssl", "dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig.der", "input");
    Tools.Result ok = Tools.run(dir, verify);
    assertThat(ok.exitCode()).as(ok.output()).isZero();
    assertThat(ok.output()).contains("Verified OK");

    Files.writeString(
        dir.resolve("input"), token.substring(0, dot) + "x", StandardCharsets.US_ASCII);
    Tools.Result bad = Tools.run(dir, verify);
    assertThat(bad.exitCode()).as(bad.output()).isNotZero();
  }

  @Test
  void keyIdIsTheJwkThumbprintOfTheKeyOpensslPrints() throws Exception {
    KeyPair keys = TokenTest.newKey();
    Files.writeString(
        dir.resolve("pub.pem"),
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(keys.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n",
        StandardCharsets.US_ASCII);
    String text = Tools.ok(dir, "openssl", "ec", "-pubin", "-in", "pub.pem", "-text", "-noout");
    // "pub:" is followed by the uncompressed point 04 || x || y as colon-separated hex lines.
    String hex =
        text.substring(text.indexOf("pub:") + 4, text.indexOf("ASN1 OID"))
            .replaceAll("[^0-9a-f]", "");
    assertThat(hex).hasSize(130).startsWith("04");
    byte[] point = java.util.HexFormat.of().parseHex(hex);
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String jwk =
        "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\""
            + b64.encodeToString(Arrays.copyOfRange(point, 1, 33))
            + "\",\"y\":\""
            + b64.encodeToString(Arrays.copyOfRange(point, 33, 65))
            + "\"}";
    String expected =
        b64.encodeToString(
            java.security.MessageDigest.getInstance("SHA-256")
                .digest(jwk.getBytes(StandardCharsets.UTF_8)));
    assertThat(TokenIssuer.keyId((java.security.interfaces.ECPublicKey) keys.getPublic()))
        .isEqualTo(expected);
  }

  /** Encodes a 64-byte R||S signature as the DER SEQUENCE { INTEGER r, INTEGER s }. */
  private static byte[] der(byte[] raw) {
    assertThat(raw).hasSize(64);
    byte[] r = new BigInteger(1, Arrays.copyOfRange(raw, 0, 32)).toByteArray();
    byte[] s = new BigInteger(1, Arrays.copyOfRange(raw, 32, 64)).toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x30);
    out.write(4 + r.length + s.length); // at most 70, so the short length form
    out.write(0x02);
    out.write(r.length);
    out.writeBytes(r);
    out.write(0x02);
    out.write(s.length);
    out.writeBytes(s);
    return out.toByteArray();
  }
}
