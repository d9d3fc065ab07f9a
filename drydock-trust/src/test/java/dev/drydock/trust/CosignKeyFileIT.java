package dev.drydock.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Cross-checks the cosign key file with an independent implementation of the go-securesystemslib
 * layout (Python hashlib.scrypt + PyNaCl; Debian packages python3, python3-nacl), both ways.
 */
class CosignKeyFileIT {
  private static final String PASSWORD = "pässword";
  @TempDir Path dir;
  private final SecureRandom random = new SecureRandom();

  @BeforeEach
  void copyScript() throws Exception {
    Files.write(dir.resolve("ref.py"), Fixtures.bytes("/dev/drydock/trust/cosign_keyfile.py"));
  }

  @ParameterizedTest
  @EnumSource(KdfStrength.class)
  void theReferenceDecryptsWhatDrydockWrites(KdfStrength strength) throws Exception {
    KeyPair pair = KeyAlgorithm.ECDSA_P256.generate(random);
    Files.write(
        dir.resolve("k.key"),
        CosignKeyFile.encrypt(pair.getPrivate(), PASSWORD.toCharArray(), strength, random));
    Processes.Result r =
        Processes.run(
            dir,
            List.of(
                "/bin/sh",
                "-c",
                "/usr/bin/python3 ref.py decrypt k.key '" + PASSWORD + "' > k.der"));
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(Files.readAllBytes(dir.resolve("k.der"))).isEqualTo(pair.getPrivate().getEncoded());

    Processes.Result wrong =
        Processes.run(dir, List.of("/usr/bin/python3", "ref.py", "decrypt", "k.key", "wrong"));
    assertThat(wrong.exitCode()).isNotZero();
    assertThat(wrong.output()).contains("CryptoError");
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void drydockDecryptsWhatTheReferenceWrites(KeyAlgorithm algorithm) throws Exception {
    KeyPair pair = algorithm.generate(random);
    Files.write(dir.resolve("k.der"), pair.getPrivate().getEncoded());
    Processes.Result r =
        Processes.run(
            dir,
            List.of(
                "/bin/sh",
                "-c",
                "/usr/bin/python3 ref.py encrypt k.der '"
                    + PASSWORD
                    + "' 65536 'ENCRYPTED SIGSTORE PRIVATE KEY' > k.key"));
    assertThat(r.exitCode()).as(r.output()).isZero();
    PrivateKey back =
        CosignKeyFile.decrypt(
            "k.key", Files.readAllBytes(dir.resolve("k.key")), PASSWORD.toCharArray());
    assertThat(back.getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
  }

  @Test
  void theReferenceRefusesParametersDrydockRefuses() throws Exception {
    Files.write(
        dir.resolve("weak.key"), Fixtures.bytes("/dev/drydock/trust/keys/ref-ec-weak-kdf.key"));
    Processes.Result r =
        Processes.run(
            dir, List.of("/usr/bin/python3", "ref.py", "decrypt", "weak.key", "correct horse"));
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.output()).contains("unaccepted scrypt parameters");
  }
}
