package dev.drydock.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Signs X.509 v2 CRLs for the issuing CA and keeps the CRL number.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5280#section-5">RFC 5280, 5 CRL profile</a>
 */
final class Crls {
  /** How long a CRL is current; servers keep using an older one, with a warning. */
  static final Duration VALIDITY = Duration.ofDays(7);

  private Crls() {}

  /** Signs a CRL listing every revoked record, numbered one more than the last, and writes it. */
  static X509CRL publish(
      CaLayout layout,
      X509Certificate issuing,
      PrivateKey key,
      List<CertificateRecord> records,
      Instant now)
      throws PkiException {
    BigInteger number = nextNumber(layout.crlNumber());
    X509CRL crl = sign(issuing, key, records, number, now);
    // The number goes first: a crash in between skips a number, which RFC 5280 allows, rather
    // than publishing two different CRLs under one number.
    SecureFiles.writeAtomically(
        layout.crlNumber(), (number + "\n").getBytes(StandardCharsets.US_ASCII), false);
    try {
      SecureFiles.writeAtomically(layout.crl(), Pem.encode("X509 CRL", crl.getEncoded()), false);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a signed CRL does not encode", e);
    }
    return crl;
  }

  static X509CRL sign(
      X509Certificate issuing,
      PrivateKey key,
      List<CertificateRecord> records,
      BigInteger number,
      Instant now)
      throws PkiException {
    var builder = new JcaX509v2CRLBuilder(issuing, Date.from(now));
    builder.setNextUpdate(Date.from(now.plus(VALIDITY)));
    for (CertificateRecord record : records) {
      Revocation revocation = record.revocation();
      if (revocation != null) {
        builder.addCRLEntry(
            record.serial().value(), Date.from(revocation.revokedAt()), revocation.reason().code());
      }
    }
    try {
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuing.getPublicKey()));
      builder.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
      var signer =
          new JcaContentSignerBuilder(KeyAlgorithm.signatureAlgorithm(issuing.getPublicKey()))
              .build(key);
      return new JcaX509CRLConverter().getCRL(builder.build(signer));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new PkiException("Could not sign the CRL: " + e.getMessage(), e);
    }
  }

  private static BigInteger nextNumber(Path file) throws PkiException {
    try {
      String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
      return new BigInteger(text).add(BigInteger.ONE);
    } catch (NoSuchFileException e) {
      return BigInteger.ONE;
    } catch (IOException | NumberFormatException e) {
      throw new PkiException(
          "The CRL number in "
              + file
              + " is unreadable ("
              + e.getMessage()
              + "); "
              + "write a number larger than the last CRL's into it.",
          e);
    }
  }
}
