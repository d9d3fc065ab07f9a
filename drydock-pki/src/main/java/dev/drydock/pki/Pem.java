package dev.drydock.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes the PEM files of the CA and its certificates. Every malformed input becomes an
 * {@link InvalidPemException} naming the file.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7468">RFC 7468, textual encodings</a>
 */
final class Pem {
  /** No PEM file drydock reads is near this size; a larger one is not ours. */
  private static final long MAX_BYTES = 4L << 20;

  private static final byte[] NEWLINE = {'\n'};

  private Pem() {}

  /** {@return the certificates in {@code file}, in order; at least one} */
  static List<X509Certificate> readCertificates(Path file) throws PkiException {
    List<X509Certificate> certificates = new ArrayList<>();
    for (Object object : readObjects(file)) {
      if (!(object instanceof X509CertificateHolder holder)) {
        throw new InvalidPemException(
            file, "it holds " + describe(object) + ", not a CERTIFICATE", null);
      }
      certificates.add(toCertificate(file, encoded(file, holder)));
    }
    if (certificates.isEmpty()) {
      throw new InvalidPemException(file, "it holds no PEM CERTIFICATE block", null);
    }
    return List.copyOf(certificates);
  }

  /** {@return the one CRL in {@code file}} */
  static X509CRL readCrl(Path file) throws PkiException {
    return parseCrl(file, read(file));
  }

  /** {@return the one CRL in {@code pem}, read from {@code file}} */
  static X509CRL parseCrl(Path file, byte[] pem) throws PkiException {
    List<Object> objects = parseObjects(file, pem);
    if (objects.size() != 1 || !(objects.getFirst() instanceof X509CRLHolder holder)) {
      throw new InvalidPemException(file, "expected exactly one X509 CRL block", null);
    }
    try {
      return (X509CRL) factory().generateCRL(new ByteArrayInputStream(holder.getEncoded()));
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      // BouncyCastle parses the revoked entries lazily: bad DER there surfaces from getEncoded()
      // as an unchecked ASN1ParsingException.
      throw new InvalidPemException(file, "the CRL does not parse: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a private key: PKCS#8 ({@code PRIVATE KEY}), encrypted PKCS#8 ({@code ENCRYPTED PRIVATE
   * KEY}) or the traditional OpenSSL forms ({@code EC PRIVATE KEY}, {@code RSA PRIVATE KEY}).
   *
   * @param passphrase decrypts an encrypted key; owned by the caller and left untouched
   * @throws InvalidPemException also when an encrypted key's key derivation would cost more than
   *     {@link KdfLimits} allow, before any passphrase is asked for or tried
   */
  static PrivateKey readPrivateKey(Path file, char @Nullable [] passphrase) throws PkiException {
    List<Object> objects = readObjects(file);
    if (objects.size() != 1) {
      throw new InvalidPemException(
          file, "expected exactly one private key block, found " + objects.size(), null);
    }
    PrivateKeyInfo info =
        switch (objects.getFirst()) {
          case PrivateKeyInfo plain -> plain;
          case PEMKeyPair pair -> pair.getPrivateKeyInfo();
          case PKCS8EncryptedPrivateKeyInfo encrypted ->
              KeyEncryption.decrypt(file, encrypted, passphrase);
          case PEMEncryptedKeyPair _ ->
              throw new InvalidPemException(
                  file,
                  "it uses OpenSSL's legacy key encryption; convert it with"
                      + " 'openssl pkcs8 -topk8 -v2 aes-256-cbc'",
                  null);
          case Object other ->
              throw new InvalidPemException(
                  file, "it holds " + describe(other) + ", not a private key", null);
        };
    try {
      return new JcaPEMKeyConverter().getPrivateKey(info);
    } catch (IOException | RuntimeException e) {
      throw new InvalidPemException(file, "the private key does not parse: " + e.getMessage(), e);
    }
  }

  /** {@return one PEM block of {@code type} holding {@code der}} */
  static byte[] encode(String type, byte[] der) {
    byte[] base64 = Base64.getMimeEncoder(64, NEWLINE).encode(der);
    byte[] begin = ("-----BEGIN " + type + "-----\n").getBytes(StandardCharsets.US_ASCII);
    byte[] end = ("\n-----END " + type + "-----\n").getBytes(StandardCharsets.US_ASCII);
    byte[] pem = concat(begin, base64, end);
    Arrays.fill(base64, (byte) 0);
    return pem;
  }

  /** {@return the certificates as consecutive CERTIFICATE blocks} */
  static byte[] encodeCertificates(List<X509Certificate> certificates) {
    byte[] pem = new byte[0];
    for (X509Certificate certificate : certificates) {
      try {
        pem = concat(pem, encode("CERTIFICATE", certificate.getEncoded()));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("a parsed certificate does not encode", e);
      }
    }
    return pem;
  }

  /** {@return the PKCS#8 private key as PEM; the caller should zero the result after use} */
  static byte[] encodePrivateKey(PrivateKey key) {
    byte[] der = key.getEncoded();
    try {
      return encode("PRIVATE KEY", der);
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }

  private static byte[] encoded(Path file, X509CertificateHolder holder) throws PkiException {
    try {
      return holder.getEncoded();
    } catch (IOException e) {
      throw new InvalidPemException(file, "a certificate does not encode: " + e.getMessage(), e);
    }
  }

  static X509Certificate toCertificate(Path file, byte[] der) throws PkiException {
    try {
      return (X509Certificate) factory().generateCertificate(new ByteArrayInputStream(der));
    } catch (GeneralSecurityException e) {
      throw new InvalidPemException(file, "a certificate does not parse: " + e.getMessage(), e);
    }
  }

  /** {@return the bytes of {@code file}, which must be no larger than any PEM drydock reads} */
  static byte[] readBytes(Path file) throws IOException {
    return SecureFiles.readLimited(file, MAX_BYTES);
  }

  private static List<Object> readObjects(Path file) throws PkiException {
    return parseObjects(file, read(file));
  }

  private static byte[] read(Path file) throws PkiException {
    try {
      return readBytes(file);
    } catch (NoSuchFileException e) {
      throw new InvalidPemException(file, "the file does not exist", e);
    } catch (IOException e) {
      throw new InvalidPemException(file, "it cannot be read: " + e, e);
    }
  }

  /** Parses the PEM blocks in {@code bytes}, read from {@code file}, and zeroes the bytes. */
  private static List<Object> parseObjects(Path file, byte[] bytes) throws PkiException {
    List<Object> objects = new ArrayList<>();
    try (Reader reader =
            new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
        objects.add(object);
      }
    } catch (IOException | RuntimeException e) {
      // BouncyCastle reports bad base64, truncation and bad DER with assorted exceptions.
      throw new InvalidPemException(file, "it is not valid PEM (" + e.getMessage() + ")", e);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
    return objects;
  }

  private static String describe(Object object) {
    return switch (object) {
      case X509CertificateHolder _ -> "a CERTIFICATE";
      case X509CRLHolder _ -> "an X509 CRL";
      case PrivateKeyInfo _ -> "a PRIVATE KEY";
      case PEMKeyPair _ -> "a private key";
      case PKCS8EncryptedPrivateKeyInfo _ -> "an ENCRYPTED PRIVATE KEY";
      default -> "a " + object.getClass().getSimpleName();
    };
  }

  private static CertificateFactory factory() throws GeneralSecurityException {
    return CertificateFactory.getInstance("X.509");
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] result = new byte[length];
    int offset = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, result, offset, part.length);
      offset += part.length;
    }
    return result;
  }
}
