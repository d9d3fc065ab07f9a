package dev.drydock.pki;

import dev.drydock.model.InvalidValueException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Creates the files of a new CA: keys first (create-new, 0600), certificates and index after. */
final class CaInit {
  /** Start validity a little in the past so that peers with slightly slow clocks accept it. */
  static final Duration BACKDATE = Duration.ofMinutes(1);

  private final CaLayout layout;
  private final CaOptions options;
  private final char @Nullable [] passphrase;
  private final Clock clock;
  private final SecureRandom random;

  CaInit(
      CaLayout layout,
      CaOptions options,
      char @Nullable [] passphrase,
      Clock clock,
      SecureRandom random) {
    if (passphrase != null && passphrase.length == 0) {
      throw new InvalidValueException(
          "passphrase", "", "must not be empty; give none to store the CA keys unencrypted");
    }
    this.layout = layout;
    this.options = options;
    this.passphrase = passphrase;
    this.clock = clock;
    this.random = random;
  }

  void run() throws PkiException {
    if (layout.anyExists()) {
      throw alreadyExists(null);
    }
    SecureFiles.createOwnerOnlyDirectory(layout.directory());
    Instant now = clock.instant();
    String id = shortId();
    KeyPair rootKeys = options.keyAlgorithm().generate(random);
    X509Certificate root =
        Certificates.root(
            Certificates.subject(options.name(), List.of(), options.name() + " Root CA " + id),
            rootKeys.getPublic(),
            rootKeys.getPrivate(),
            new Validity(now.minus(BACKDATE), now.plus(options.rootValidity())),
            SerialNumber.random(random));
    KeyPair issuingKeys = options.keyAlgorithm().generate(random);
    X509Certificate issuing =
        Certificates.issuing(
            Certificates.subject(options.name(), List.of(), options.name() + " Issuing CA " + id),
            issuingKeys.getPublic(),
            new Validity(now.minus(BACKDATE), now.plus(options.issuingValidity())),
            SerialNumber.random(random),
            root,
            rootKeys.getPrivate());
    writeFiles(rootKeys.getPrivate(), root, issuingKeys.getPrivate(), issuing, now);
  }

  /** Keys first, create-new so that a concurrent init fails; then the public files. */
  private void writeFiles(
      PrivateKey rootKey,
      X509Certificate root,
      PrivateKey issuingKey,
      X509Certificate issuing,
      Instant now)
      throws PkiException {
    writeKey(layout.rootKey(), rootKey);
    writeKey(layout.issuingKey(), issuingKey);
    SecureFiles.writeAtomically(
        layout.issuingCertificate(), Pem.encodeCertificates(List.of(issuing)), false);
    SecureFiles.writeAtomically(
        layout.rootCertificate(), Pem.encodeCertificates(List.of(root)), false);
    CertificateIndex.write(layout.index(), List.of());
    Crls.publish(layout, issuing, issuingKey, List.of(), now);
  }

  /** {@return a short random tag that keeps the names of different drydock CAs apart} */
  private String shortId() {
    byte[] bytes = new byte[4];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private void writeKey(Path file, PrivateKey key) throws PkiException {
    byte[] pem =
        passphrase == null ? Pem.encodePrivateKey(key) : KeyEncryption.encrypt(key, passphrase);
    try {
      SecureFiles.createSecret(file, pem);
    } catch (FileAlreadyExistsException e) {
      throw alreadyExists(e);
    } catch (IOException e) {
      throw new PkiException("Could not write the CA key " + file + ": " + e, e);
    } finally {
      Arrays.fill(pem, (byte) 0);
    }
  }

  private CaAlreadyExistsException alreadyExists(@Nullable Exception cause) {
    var e =
        new CaAlreadyExistsException(
            layout.directory(),
            "A CA already exists in "
                + layout.directory()
                + "; open it instead, or choose another directory.");
    if (cause != null) {
      e.initCause(cause);
    }
    return e;
  }
}
