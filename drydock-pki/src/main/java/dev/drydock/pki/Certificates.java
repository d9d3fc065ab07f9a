package dev.drydock.pki;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds the three kinds of certificate drydock's CA signs, with the extensions RFC 5280 asks for.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5280#section-4.2">RFC 5280, 4.2 extensions</a>
 */
final class Certificates {
  private Certificates() {}

  /** {@return a self-signed root CA certificate: CA without path limit, keyCertSign and cRLSign} */
  static X509Certificate root(
      X500Name subject, PublicKey key, PrivateKey signer, Validity validity, SerialNumber serial)
      throws PkiException {
    var builder =
        new JcaX509v3CertificateBuilder(
            subject,
            serial.value(),
            date(validity.notBefore()),
            date(validity.notAfter()),
            subject,
            key);
    return sign(builder, key, new BasicConstraints(true), caUsage(), key, signer);
  }

  /** {@return an issuing CA certificate signed by the root, limited to signing leaves} */
  static X509Certificate issuing(
      X500Name subject,
      PublicKey key,
      Validity validity,
      SerialNumber serial,
      X509Certificate root,
      PrivateKey rootKey)
      throws PkiException {
    var builder =
        new JcaX509v3CertificateBuilder(
            root,
            serial.value(),
            date(validity.notBefore()),
            date(validity.notAfter()),
            subject,
            key);
    return sign(builder, key, new BasicConstraints(0), caUsage(), root.getPublicKey(), rootKey);
  }

  /** {@return a leaf certificate for {@code request}, signed by the issuing CA} */
  static X509Certificate leaf(
      IssueRequest request,
      X500Name subject,
      PublicKey key,
      Validity validity,
      SerialNumber serial,
      X509Certificate issuer,
      PrivateKey issuerKey)
      throws PkiException {
    var builder =
        new JcaX509v3CertificateBuilder(
            issuer,
            serial.value(),
            date(validity.notBefore()),
            date(validity.notAfter()),
            subject,
            key);
    // RSA keys may also encrypt (TLS 1.2 RSA key exchange); EC keys only sign.
    int usage =
        request.keyAlgorithm().isRsa()
            ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment
            : KeyUsage.digitalSignature;
    try {
      builder.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(request.kind().purpose()));
      builder.addExtension(Extension.subjectAlternativeName, false, generalNames(request.sans()));
    } catch (IOException e) {
      throw new IllegalStateException("extensions of a validated request do not encode", e);
    }
    return sign(
        builder,
        key,
        new BasicConstraints(false),
        new KeyUsage(usage),
        issuer.getPublicKey(),
        issuerKey);
  }

  /** {@return a subject with organisation {@code org}, then the OUs, then the common name} */
  static X500Name subject(String org, List<String> organisationalUnits, String commonName) {
    X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, org);
    organisationalUnits.forEach(ou -> name.addRDN(BCStyle.OU, ou));
    return name.addRDN(BCStyle.CN, commonName).build();
  }

  /** {@return the values of one attribute type in {@code principal}, in order} */
  static List<String> attribute(X500Principal principal, ASN1ObjectIdentifier type) {
    List<String> values = new ArrayList<>();
    for (RDN rdn : X500Name.getInstance(principal.getEncoded()).getRDNs(type)) {
      values.add(IETFUtils.valueToString(rdn.getFirst().getValue()));
    }
    return values;
  }

  /** {@return the first value of {@code type} in {@code principal}, or the empty string} */
  static String firstAttribute(X500Principal principal, ASN1ObjectIdentifier type) {
    List<String> values = attribute(principal, type);
    return values.isEmpty() ? "" : values.getFirst();
  }

  /** {@return the subject alternative names of {@code certificate}, skipping unknown types} */
  static List<SubjectAltName> sans(X509Certificate certificate) {
    List<SubjectAltName> names = new ArrayList<>();
    try {
      var entries = certificate.getSubjectAlternativeNames();
      if (entries == null) {
        return names;
      }
      for (List<?> entry : entries) {
        if (entry.get(0) instanceof Integer type && entry.get(1) instanceof String value) {
          switch (type) {
            case GeneralName.dNSName -> names.add(new SubjectAltName.Dns(value));
            case GeneralName.iPAddress -> names.add(SubjectAltName.Ip.parse(value));
            case GeneralName.uniformResourceIdentifier ->
                names.add(SubjectAltName.Uri.parse(value));
            default -> {
              // other name types (e-mail, directory names) play no part in drydock's TLS
            }
          }
        }
      }
    } catch (CertificateParsingException | IllegalArgumentException e) {
      // A name drydock would not have issued; the certificate then matches none of them.
    }
    return names;
  }

  private static X509Certificate sign(
      X509v3CertificateBuilder builder,
      PublicKey subjectKey,
      BasicConstraints constraints,
      KeyUsage usage,
      PublicKey issuerKey,
      PrivateKey signer)
      throws PkiException {
    try {
      var extensions = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, constraints);
      builder.addExtension(Extension.keyUsage, true, usage);
      builder.addExtension(
          Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(subjectKey));
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          extensions.createAuthorityKeyIdentifier(issuerKey));
      var contentSigner =
          new JcaContentSignerBuilder(KeyAlgorithm.signatureAlgorithm(issuerKey)).build(signer);
      return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new PkiException("Could not sign a certificate: " + e.getMessage(), e);
    }
  }

  private static KeyUsage caUsage() {
    return new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign);
  }

  private static GeneralNames generalNames(List<SubjectAltName> sans) {
    GeneralName[] names = new GeneralName[sans.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] =
          switch (sans.get(i)) {
            case SubjectAltName.Dns dns -> new GeneralName(GeneralName.dNSName, dns.name());
            case SubjectAltName.Ip ip ->
                new GeneralName(
                    GeneralName.iPAddress, new DEROctetString(ip.address().getAddress()));
            case SubjectAltName.Uri uri ->
                new GeneralName(GeneralName.uniformResourceIdentifier, uri.uri().toASCIIString());
          };
    }
    return new GeneralNames(names);
  }

  private static Date date(Instant instant) {
    return Date.from(instant);
  }
}
