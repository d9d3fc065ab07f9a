package dev.drydock.pki;

import dev.drydock.model.InvalidValueException;
import java.time.Duration;
import java.util.Objects;

/**
 * How to create a CA: its name, key type and the lifetimes of the root and issuing certificates.
 *
 * @param name the organisation name in every subject, e.g. {@code drydock}; also names the CAs
 * @param keyAlgorithm the key type of both CA keys
 * @param rootValidity how long the root certificate is valid
 * @param issuingValidity how long the issuing certificate is valid, at most as long as the root
 */
public record CaOptions(
    String name, KeyAlgorithm keyAlgorithm, Duration rootValidity, Duration issuingValidity) {
  private static final int MAX_NAME_LENGTH = 40;

  /** Checks the name is printable and the issuing CA does not outlive the root. */
  public CaOptions {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keyAlgorithm, "keyAlgorithm");
    Objects.requireNonNull(rootValidity, "rootValidity");
    Objects.requireNonNull(issuingValidity, "issuingValidity");
    Names.checkSubjectPart("CA name", name);
    if (name.length() > MAX_NAME_LENGTH) {
      throw new InvalidValueException(
          "CA name",
          name,
          "at most " + MAX_NAME_LENGTH + " characters, to fit the CA common names");
    }
    if (issuingValidity.isNegative()
        || issuingValidity.isZero()
        || issuingValidity.compareTo(rootValidity) > 0) {
      throw new InvalidValueException(
          "issuing CA validity",
          issuingValidity.toString(),
          "must be positive and no longer than the root's " + rootValidity);
    }
  }

  /** {@return drydock's defaults: ECDSA P-256, a 10-year root and a 5-year issuing CA} */
  public static CaOptions defaults() {
    return new CaOptions(
        "drydock", KeyAlgorithm.EC_P256, Duration.ofDays(3652), Duration.ofDays(1826));
  }

  /** {@return these options with another key algorithm} */
  public CaOptions withKeyAlgorithm(KeyAlgorithm algorithm) {
    return new CaOptions(name, algorithm, rootValidity, issuingValidity);
  }

  /** {@return these options with another organisation name} */
  public CaOptions withName(String newName) {
    return new CaOptions(newName, keyAlgorithm, rootValidity, issuingValidity);
  }
}
