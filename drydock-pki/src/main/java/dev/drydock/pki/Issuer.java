package dev.drydock.pki;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * An unlocked CA: issues leaf certificates, revokes them and publishes the CRL. It holds the
 * issuing CA's private key in memory, so keep it no longer than needed. Changes to the index are
 * serialised across processes by a lock file in the CA directory.
 */
public final class Issuer {
  private static final System.Logger LOG = System.getLogger(Issuer.class.getName());

  private final CertificateAuthority ca;
  private final PrivateKey key;
  private final SecureRandom random;

  Issuer(CertificateAuthority ca, PrivateKey key, SecureRandom random) {
    this.ca = ca;
    this.key = key;
    this.random = random;
  }

  /**
   * Issues a certificate and writes its files to {@code issued/<commonName>/} in the CA directory,
   * replacing an earlier certificate of the same name there.
   *
   * @throws PkiException when the issuing CA has expired or a file cannot be written
   */
  public IssuedCertificate issue(IssueRequest request) throws PkiException {
    return issue(request, ca.layout().issued(request.commonName()));
  }

  /**
   * Issues a certificate and writes {@code cert.pem} (the leaf), {@code chain.pem} (leaf and
   * issuing CA), {@code key.pem} (0600) and {@code ca.pem} (the root) to {@code outputDirectory}.
   *
   * @throws PkiException when the issuing CA has expired or a file cannot be written
   */
  public IssuedCertificate issue(IssueRequest request, Path outputDirectory) throws PkiException {
    return issue(request, outputDirectory, IssuedFiles.Layout.STANDARD);
  }

  /**
   * Revokes a certificate and publishes a new CRL. Revoking a revoked certificate changes nothing.
   *
   * @return the record as revoked
   * @throws UnknownSerialException when this CA issued no certificate with {@code serial}
   */
  public CertificateRecord revoke(SerialNumber serial, RevocationReason reason)
      throws PkiException {
    Instant now = now();
    try (CaLock _ = CaLock.acquire(ca.layout().lock())) {
      List<CertificateRecord> records = new ArrayList<>(readIndex(now));
      for (int i = 0; i < records.size(); i++) {
        CertificateRecord record = records.get(i);
        if (!record.serial().equals(serial)) {
          continue;
        }
        if (record.revocation() == null) {
          // In whole seconds, as the index and the CRL keep it.
          record = record.revoked(new Revocation(CertificateIndex.seconds(now), reason));
          records.set(i, record);
          CertificateIndex.write(ca.layout().index(), records);
          Crls.publish(ca.layout(), ca.issuingCertificate(), key, records, now);
          LOG.log(System.Logger.Level.INFO, () -> "revoked " + serial + " (" + reason + ")");
        }
        return record;
      }
    }
    throw new UnknownSerialException(serial, ca.directory());
  }

  /**
   * Signs and writes a fresh CRL to {@code crl.pem} in the CA directory; do this at least weekly.
   *
   * @return the CRL file
   */
  public Path writeCrl() throws PkiException {
    Instant now = now();
    try (CaLock _ = CaLock.acquire(ca.layout().lock())) {
      Crls.publish(ca.layout(), ca.issuingCertificate(), key, readIndex(now), now);
    }
    return ca.crlFile();
  }

  /**
   * Writes a bundle for running dockerd with {@code --tlsverify}: a server certificate for {@code
   * host}, a client certificate and a {@code daemon.json} snippet. See {@link DockerBundle}.
   *
   * <p>The snippet leaves out {@code "hosts"} on purpose: dockerd refuses to start when {@code
   * "hosts"} is set both in daemon.json and with {@code -H} (as systemd units do with {@code -H
   * fd://}), so add {@code -H tcp://0.0.0.0:2376} where your daemon's other listeners are
   * configured.
   *
   * @param host the DNS name or IP address clients use to reach the daemon
   * @param extraSans more names in the forms {@link SubjectAltName#parse} accepts; {@code
   *     localhost} and {@code 127.0.0.1} are always included
   * @param outputDirectory where {@code server/}, {@code client/} and {@code daemon.json} go
   */
  public DockerBundle dockerDaemon(String host, List<String> extraSans, Path outputDirectory)
      throws PkiException {
    return DockerBundles.write(this, host, extraSans, outputDirectory);
  }

  IssuedCertificate issue(IssueRequest request, Path outputDirectory, IssuedFiles.Layout layout)
      throws PkiException {
    Path directory = outputDirectory.toAbsolutePath().normalize();
    Instant now = now();
    Validity validity = validity(request, now);
    KeyPair keys = request.keyAlgorithm().generate(random);
    X509Certificate certificate = signAndRecord(request, keys, validity, now);
    IssuedFiles.write(
        directory,
        layout,
        keys.getPrivate(),
        certificate,
        ca.issuingCertificate(),
        ca.rootCertificate());
    LOG.log(
        System.Logger.Level.INFO,
        () -> "issued " + request.kind() + " certificate " + request.commonName());
    return new IssuedCertificate(certificate, directory);
  }

  /** Signs the certificate and records it in the index and certs/, holding the CA lock. */
  private X509Certificate signAndRecord(
      IssueRequest request, KeyPair keys, Validity validity, Instant now) throws PkiException {
    try (CaLock _ = CaLock.acquire(ca.layout().lock())) {
      List<CertificateRecord> records = new ArrayList<>(readIndex(now));
      SerialNumber serial = uniqueSerial(records);
      X509Certificate issuing = ca.issuingCertificate();
      String org = Certificates.firstAttribute(issuing.getSubjectX500Principal(), BCStyle.O);
      var subject = Certificates.subject(org, request.organisationalUnits(), request.commonName());
      X509Certificate certificate =
          Certificates.leaf(request, subject, keys.getPublic(), validity, serial, issuing, key);
      SecureFiles.createPrivateDirectory(ca.layout().certificates());
      SecureFiles.writeAtomically(
          ca.layout().certificates().resolve(serial.hex() + ".pem"),
          Pem.encodeCertificates(List.of(certificate)),
          false);
      records.add(record(certificate, request.kind(), now));
      CertificateIndex.write(ca.layout().index(), records);
      return certificate;
    }
  }

  private Validity validity(IssueRequest request, Instant now) throws PkiException {
    Instant caEnd = ca.issuingCertificate().getNotAfter().toInstant();
    if (!now.isBefore(caEnd)) {
      throw new PkiException(
          "The issuing CA in "
              + ca.directory()
              + " expired at "
              + caEnd
              + "; create a new CA before issuing more certificates.");
    }
    Validity wanted = request.window();
    if (wanted == null) {
      wanted = new Validity(now.minus(CaInit.BACKDATE), now.plus(Duration.ofDays(request.days())));
    }
    if (wanted.notAfter().isAfter(caEnd) && caEnd.isAfter(wanted.notBefore())) {
      LOG.log(
          System.Logger.Level.WARNING,
          () -> request.commonName() + " is cut to end with the issuing CA at " + caEnd);
      return new Validity(wanted.notBefore(), caEnd);
    }
    return wanted;
  }

  private SerialNumber uniqueSerial(List<CertificateRecord> records) {
    while (true) {
      SerialNumber serial = SerialNumber.random(random);
      if (records.stream().noneMatch(r -> r.serial().equals(serial))) {
        return serial;
      }
    }
  }

  private List<CertificateRecord> readIndex(Instant now) throws PkiException {
    return CertificateIndex.read(ca.layout().index(), now);
  }

  private Instant now() {
    return ca.clock().instant();
  }

  static CertificateRecord record(X509Certificate certificate, CertificateKind kind, Instant now) {
    Instant notAfter = certificate.getNotAfter().toInstant();
    return new CertificateRecord(
        new SerialNumber(certificate.getSerialNumber()),
        certificate.getSubjectX500Principal().getName(X500Principal.RFC2253),
        kind,
        Certificates.sans(certificate),
        certificate.getNotBefore().toInstant(),
        notAfter,
        CertificateStatus.of(null, notAfter, now),
        null);
  }

  CertificateAuthority authority() {
    return ca;
  }
}
