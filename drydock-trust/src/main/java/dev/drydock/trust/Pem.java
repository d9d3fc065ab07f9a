package dev.drydock.trust;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * RFC 7468 PEM: one block with a label, read leniently about surrounding text but strictly about
 * the base64 body. Size-capped because key files and policies come from users.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7468">RFC 7468</a>
 */
final class Pem {
  /** Key files are a few kilobytes; anything much larger is not a key. */
  static final int MAX_BYTES = 64 * 1024;

  private Pem() {}

  /** A decoded block: its label and DER body. */
  static final class Block {
    private final String label;
    private final byte[] der;

    Block(String label, byte[] der) {
      this.label = label;
      this.der = der;
    }

    String label() {
      return label;
    }

    byte[] der() {
      return der;
    }
  }

  static Block decode(String source, byte[] pem) throws KeyFileException {
    if (pem.length > MAX_BYTES) {
      throw new KeyFileException(source + ": larger than " + MAX_BYTES + " bytes; not a key file");
    }
    String text = new String(pem, StandardCharsets.US_ASCII);
    int begin = text.indexOf("-----BEGIN ");
    if (begin < 0) {
      throw new KeyFileException(source + ": no PEM block (-----BEGIN ...-----) found");
    }
    int labelEnd = text.indexOf("-----", begin + 11);
    if (labelEnd < 0) {
      throw new KeyFileException(source + ": unterminated PEM BEGIN line");
    }
    String label = text.substring(begin + 11, labelEnd);
    String endLine = "-----END " + label + "-----";
    int end = text.indexOf(endLine, labelEnd + 5);
    if (end < 0) {
      throw new KeyFileException(source + ": PEM block " + label + " has no matching END line");
    }
    String body = text.substring(labelEnd + 5, end).replaceAll("[\\r\\n\\t ]", "");
    try {
      return new Block(label, Base64.getDecoder().decode(body));
    } catch (IllegalArgumentException e) {
      throw new KeyFileException(source + ": PEM block " + label + " is not valid base64", e);
    }
  }

  /** Encodes with 64-character lines, as Go's encoding/pem and OpenSSL write. */
  static byte[] encode(String label, byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    String text = "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
