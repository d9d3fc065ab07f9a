package dev.drydock.pki;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes {@link Pem} with arbitrary file contents: each reader returns a value or throws {@link
 * InvalidPemException} naming the file; an encrypted key may also fail with {@link
 * WrongPassphraseException}. Any other exception, or a hang, is a finding.
 *
 * <p>Runs its seeds (in {@code PemFuzzTestInputs/}) as a regular test; set {@code JAZZER_FUZZ=1} to
 * fuzz, see docs/development.md.
 */
class PemFuzzTest {
  /** The passphrase of the encrypted seed key, so that decryption is reached. */
  private static final char[] PASSPHRASE = "drydock-fuzz".toCharArray();

  @TempDir static Path tmp;

  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void certificates(byte[] content) throws IOException {
    Path file = write("certs.pem", content);
    List<X509Certificate> certificates;
    try {
      certificates = Pem.readCertificates(file);
    } catch (InvalidPemException e) {
      assertThat(e.file()).isEqualTo(file);
      return;
    } catch (PkiException e) {
      throw new AssertionError("not an InvalidPemException", e);
    }
    assertThat(certificates).isNotEmpty();
    Path again = write("again.pem", Pem.encodeCertificates(certificates));
    try {
      assertThat(Pem.readCertificates(again)).isEqualTo(certificates);
    } catch (PkiException e) {
      throw new AssertionError("re-encoded certificates do not read back", e);
    }
  }

  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void privateKey(byte[] content) throws IOException {
    Path file = write("key.pem", content);
    try {
      assertThat(Pem.readPrivateKey(file, PASSPHRASE)).isNotNull();
    } catch (InvalidPemException e) {
      assertThat(e.file()).isEqualTo(file);
    } catch (WrongPassphraseException expected) {
      // an encrypted key that the passphrase does not open
    } catch (PkiException e) {
      throw new AssertionError("not an InvalidPemException", e);
    }
  }

  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void crl(byte[] content) throws IOException {
    Path file = write("crl.pem", content);
    try {
      assertThat(Pem.readCrl(file)).isNotNull();
    } catch (InvalidPemException e) {
      assertThat(e.file()).isEqualTo(file);
    } catch (PkiException e) {
      throw new AssertionError("not an InvalidPemException", e);
    }
  }

  private static Path write(String name, byte[] content) throws IOException {
    return Files.write(tmp.resolve(name), content);
  }
}
