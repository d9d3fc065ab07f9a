package dev.drydock.trust;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A DSSE envelope: a typed payload and signatures over its pre-authentication encoding (PAE), so
 * that a signature can never be replayed over the same bytes read as another type.
 *
 * @see <a href="https://github.com/secure-systems-lab/dsse/blob/master/protocol.md">DSSE
 *     protocol</a>
 * @param payloadType the payload's media type, e.g. {@code application/vnd.in-toto+json}
 * @param payload the payload, standard base64 (as the JSON carries it)
 * @param signatures at least one signature
 */
record DsseEnvelope(String payloadType, String payload, List<Signature> signatures) {

  /** The in-toto payload type. */
  static final String IN_TOTO = "application/vnd.in-toto+json";

  /** Caps work on hostile envelopes. */
  static final int MAX_SIGNATURES = 16;

  /**
   * One signature.
   *
   * @param keyid an optional hint; cosign leaves it empty
   * @param sig the signature, standard base64
   */
  record Signature(String keyid, String sig) {
    Signature {
      Objects.requireNonNull(keyid, "keyid");
      Objects.requireNonNull(sig, "sig");
    }

    byte[] bytes() {
      return Base64.getDecoder().decode(sig);
    }
  }

  DsseEnvelope {
    Objects.requireNonNull(payloadType, "payloadType");
    Objects.requireNonNull(payload, "payload");
    signatures = List.copyOf(signatures);
    if (signatures.isEmpty() || signatures.size() > MAX_SIGNATURES) {
      throw new IllegalArgumentException(
          "a DSSE envelope needs 1 to " + MAX_SIGNATURES + " signatures");
    }
  }

  byte[] payloadBytes() {
    return Base64.getDecoder().decode(payload);
  }

  byte[] pae() {
    return pae(payloadType, payloadBytes());
  }

  /**
   * {@return PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body}, lengths as
   * ASCII decimal byte counts
   */
  static byte[] pae(String type, byte[] body) {
    byte[] typeBytes = type.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(32 + typeBytes.length + body.length);
    out.writeBytes(("DSSEv1 " + typeBytes.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(typeBytes);
    out.writeBytes((" " + body.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(body);
    return out.toByteArray();
  }
}
