package dev.drydock.pki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * drydock's certificate authority: a root CA and an issuing CA kept in one directory (the CLI uses
 * {@code <data>/pki}). An opened CA lists what it issued; {@link #unlock} it to issue and revoke.
 *
 * <p>The directory layout: {@code ca.pem} (root certificate, the trust anchor), {@code ca-key.pem},
 * {@code issuing.pem}, {@code issuing-key.pem}, {@code index.tsv} (issued certificates), {@code
 * crl.pem}, {@code crlnumber}, {@code certs/SERIAL.pem} (a copy of each issued certificate) and
 * {@code issued/NAME/} (the default output of {@link Issuer#issue(IssueRequest)}). Keys are 0600
 * from creation and the directory 0700.
 */
public final class CertificateAuthority {
  private final CaLayout layout;
  private final X509Certificate root;
  private final X509Certificate issuing;
  private final Clock clock;

  private CertificateAuthority(
      CaLayout layout, X509Certificate root, X509Certificate issuing, Clock clock) {
    this.layout = layout;
    this.root = root;
    this.issuing = issuing;
    this.clock = clock;
  }

  /**
   * Creates a new root and issuing CA in {@code directory}, which may exist but must hold no CA.
   *
   * @param passphrase encrypts both CA keys when given; owned by the caller, who should zero it
   * @param clock gives the start of the CA's validity
   * @throws CaAlreadyExistsException when {@code directory} already holds CA files
   * @throws PkiException when a file cannot be written
   */
  public static CertificateAuthority init(
      Path directory, CaOptions options, char @Nullable [] passphrase, Clock clock)
      throws PkiException {
    CaLayout layout = new CaLayout(directory.toAbsolutePath().normalize());
    new CaInit(layout, options, passphrase, clock, new SecureRandom()).run();
    return open(directory, clock);
  }

  /**
   * Opens the CA in {@code directory} without reading its private keys.
   *
   * @throws CaNotInitialisedException when the directory holds no complete CA
   * @throws PkiException when a CA certificate is unreadable or the two do not belong together
   */
  public static CertificateAuthority open(Path directory, Clock clock) throws PkiException {
    Objects.requireNonNull(clock, "clock");
    CaLayout layout = new CaLayout(directory.toAbsolutePath().normalize());
    List<Path> required =
        List.of(layout.rootCertificate(), layout.issuingCertificate(), layout.issuingKey());
    List<Path> missing = required.stream().filter(Files::notExists).toList();
    if (!missing.isEmpty()) {
      String message =
          missing.size() == required.size()
              ? "There is no drydock CA in " + layout.directory() + "; initialise one first."
              : "The CA in "
                  + layout.directory()
                  + " is incomplete (missing "
                  + missing
                  + "); restore it from a backup, or remove the directory and initialise again.";
      throw new CaNotInitialisedException(layout.directory(), message);
    }
    X509Certificate root = Pem.readCertificates(layout.rootCertificate()).getFirst();
    X509Certificate issuing = Pem.readCertificates(layout.issuingCertificate()).getFirst();
    try {
      issuing.verify(root.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw new PkiException(
          layout.issuingCertificate()
              + " was not signed by "
              + layout.rootCertificate()
              + "; the CA directory was mixed up. Restore it from a backup.",
          e);
    }
    return new CertificateAuthority(layout, root, issuing, clock);
  }

  /**
   * Reads the issuing CA's private key so that certificates can be issued and revoked.
   *
   * @param passphrase the passphrase given at init, or null if none was; owned by the caller
   * @throws PassphraseRequiredException when the key is encrypted and {@code passphrase} is null
   * @throws WrongPassphraseException when the passphrase does not decrypt the key
   */
  public Issuer unlock(char @Nullable [] passphrase) throws PkiException {
    PrivateKey key = Pem.readPrivateKey(layout.issuingKey(), passphrase);
    Keys.checkPair(key, issuing.getPublicKey(), layout.issuingKey(), layout.issuingCertificate());
    return new Issuer(this, key, new SecureRandom());
  }

  /** {@return every certificate this CA issued, with its status as of now} */
  public List<CertificateRecord> list() throws PkiException {
    return CertificateIndex.read(layout.index(), clock.instant());
  }

  /**
   * Finds an issued certificate by serial number.
   *
   * @throws UnknownSerialException when this CA issued no certificate with that serial
   */
  public CertificateRecord find(SerialNumber serial) throws PkiException {
    for (CertificateRecord record : list()) {
      if (record.serial().equals(serial)) {
        return record;
      }
    }
    throw new UnknownSerialException(serial, layout.directory());
  }

  /** {@return the absolute CA directory} */
  public Path directory() {
    return layout.directory();
  }

  /** {@return the root CA certificate, the trust anchor} */
  public X509Certificate rootCertificate() {
    return root;
  }

  /** {@return the issuing CA certificate, which signs leaves and CRLs} */
  public X509Certificate issuingCertificate() {
    return issuing;
  }

  /** {@return the file with the root CA certificate, to give to peers as trust anchor} */
  public Path rootCertificateFile() {
    return layout.rootCertificate();
  }

  /** {@return the file with the issuing CA certificate} */
  public Path issuingCertificateFile() {
    return layout.issuingCertificate();
  }

  /**
   * {@return the file with the current CRL, which {@link Issuer#revoke} and {@link
   * Issuer#writeCrl()} replace atomically; name it in {@link TlsFiles#withCrl(Path)} so that a TLS
   * endpoint refuses revoked peers (and, fail-closed, every peer while the file is missing)}
   */
  public Path crlFile() {
    return layout.crl();
  }

  CaLayout layout() {
    return layout;
  }

  Clock clock() {
    return clock;
  }
}
