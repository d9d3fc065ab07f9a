package dev.drydock.trust;

import java.security.MessageDigest;
import java.util.Arrays;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * NaCl {@code crypto_secretbox} (XSalsa20-Poly1305) as Go's {@code
 * golang.org/x/crypto/nacl/secretbox} lays it out: the 16-byte Poly1305 tag followed by the
 * ciphertext. The Poly1305 key is the first 32 bytes of the XSalsa20 key stream; the message is
 * encrypted with the stream from byte 32 on.
 *
 * @see <a href="https://nacl.cr.yp.to/secretbox.html">NaCl secretbox</a>
 */
final class Secretbox {
  static final int KEY_BYTES = 32;
  static final int NONCE_BYTES = 24;
  static final int TAG_BYTES = 16;

  private Secretbox() {}

  static byte[] seal(byte[] key, byte[] nonce, byte[] message) {
    XSalsa20Engine stream = stream(key, nonce);
    byte[] polyKey = polyKey(stream);
    byte[] out = new byte[TAG_BYTES + message.length];
    stream.processBytes(message, 0, message.length, out, TAG_BYTES);
    byte[] tag = mac(polyKey, out, TAG_BYTES, message.length);
    System.arraycopy(tag, 0, out, 0, TAG_BYTES);
    Arrays.fill(polyKey, (byte) 0);
    return out;
  }

  /** {@return the message, or null when the tag does not authenticate the box} */
  static byte @org.jspecify.annotations.Nullable [] open(byte[] key, byte[] nonce, byte[] box) {
    if (box.length < TAG_BYTES) {
      return null;
    }
    XSalsa20Engine stream = stream(key, nonce);
    byte[] polyKey = polyKey(stream);
    byte[] expected = mac(polyKey, box, TAG_BYTES, box.length - TAG_BYTES);
    Arrays.fill(polyKey, (byte) 0);
    if (!MessageDigest.isEqual(expected, Arrays.copyOf(box, TAG_BYTES))) {
      return null;
    }
    byte[] message = new byte[box.length - TAG_BYTES];
    stream.processBytes(box, TAG_BYTES, message.length, message, 0);
    return message;
  }

  private static XSalsa20Engine stream(byte[] key, byte[] nonce) {
    if (key.length != KEY_BYTES || nonce.length != NONCE_BYTES) {
      throw new IllegalArgumentException("secretbox needs a 32-byte key and a 24-byte nonce");
    }
    XSalsa20Engine engine = new XSalsa20Engine();
    engine.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
    return engine;
  }

  private static byte[] polyKey(XSalsa20Engine stream) {
    byte[] polyKey = new byte[32];
    stream.processBytes(new byte[32], 0, 32, polyKey, 0);
    return polyKey;
  }

  private static byte[] mac(byte[] polyKey, byte[] data, int offset, int length) {
    Poly1305 poly = new Poly1305();
    poly.init(new KeyParameter(polyKey));
    poly.update(data, offset, length);
    byte[] tag = new byte[TAG_BYTES];
    poly.doFinal(tag, 0);
    return tag;
  }
}
