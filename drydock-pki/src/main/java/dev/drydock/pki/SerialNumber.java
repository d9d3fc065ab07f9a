package dev.drydock.pki;

import dev.drydock.model.InvalidValueException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * A certificate serial number: a positive integer, shown as upper-case hex like OpenSSL does.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5280#section-4.1.2.2">RFC 5280, 4.1.2.2</a>
 * @param value the positive serial number
 */
public record SerialNumber(BigInteger value) {
  /** Random serials have this many bits: far above the 64 bits the CA/B Forum asks for. */
  private static final int RANDOM_BITS = 127;

  /** Rejects zero and negative serials, which RFC 5280 forbids. */
  public SerialNumber {
    Objects.requireNonNull(value, "value");
    if (value.signum() <= 0 || value.bitLength() > 159) {
      throw new InvalidValueException(
          "serial number", value.toString(16), "a positive integer of at most 20 octets");
    }
  }

  /**
   * Parses hex such as {@code 7F3A09}, {@code 0x7f3a09} or {@code 7f:3a:09}.
   *
   * @throws InvalidValueException naming the input when it is not positive hex
   */
  public static SerialNumber parse(String text) {
    String hex = text.strip().replace(":", "");
    if (hex.startsWith("0x") || hex.startsWith("0X")) {
      hex = hex.substring(2);
    }
    if (hex.isEmpty() || hex.length() > 40 || !hex.chars().allMatch(HexFormat::isHexDigit)) {
      throw new InvalidValueException(
          "serial number", text, "expected hexadecimal digits as shown by list, e.g. 7F3A09");
    }
    BigInteger value = new BigInteger(hex, 16);
    if (value.signum() == 0) {
      throw new InvalidValueException("serial number", text, "a serial number is never zero");
    }
    return new SerialNumber(value);
  }

  /** {@return a fresh random serial of 127 bits, the top bit set so every hex form is as long} */
  static SerialNumber random(SecureRandom random) {
    return new SerialNumber(new BigInteger(RANDOM_BITS, random).setBit(RANDOM_BITS - 1));
  }

  /** {@return the upper-case hex form, without separators} */
  public String hex() {
    return value.toString(16).toUpperCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return hex();
  }
}
