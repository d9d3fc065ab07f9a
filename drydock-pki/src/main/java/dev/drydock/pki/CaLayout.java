package dev.drydock.pki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a CA keeps its files under its directory.
 *
 * <pre>
 * ca.pem            root CA certificate: the trust anchor to hand out
 * ca-key.pem        root CA key (0600; encrypted PKCS#8 when a passphrase was given)
 * issuing.pem       issuing CA certificate, signed by the root
 * issuing-key.pem   issuing CA key (0600; encrypted like the root key)
 * index.tsv         one line per issued certificate
 * crl.pem           the current CRL, signed by the issuing CA
 * crlnumber         the number of the current CRL
 * certs/SERIAL.pem  a copy of every issued certificate
 * issued/NAME/      default output of issue: cert.pem, chain.pem, key.pem, ca.pem
 * .lock             held while the index changes
 * </pre>
 *
 * @param directory the CA directory
 */
record CaLayout(Path directory) {

  Path rootCertificate() {
    return directory.resolve("ca.pem");
  }

  Path rootKey() {
    return directory.resolve("ca-key.pem");
  }

  Path issuingCertificate() {
    return directory.resolve("issuing.pem");
  }

  Path issuingKey() {
    return directory.resolve("issuing-key.pem");
  }

  Path index() {
    return directory.resolve("index.tsv");
  }

  Path crl() {
    return directory.resolve("crl.pem");
  }

  Path crlNumber() {
    return directory.resolve("crlnumber");
  }

  Path certificates() {
    return directory.resolve("certs");
  }

  Path issued(String commonName) {
    return directory.resolve("issued").resolve(commonName);
  }

  Path lock() {
    return directory.resolve(".lock");
  }

  /** {@return the files whose presence means a CA was (at least partly) created here} */
  List<Path> markers() {
    return List.of(rootCertificate(), rootKey(), issuingCertificate(), issuingKey(), index());
  }

  /** {@return whether any CA file exists} */
  boolean anyExists() {
    return markers().stream().anyMatch(Files::exists);
  }
}
