package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop with the reference tools: hashes made by the Debian {@code argon2} CLI (the reference C
 * implementation) and by {@code htpasswd -B} (apache2-utils) verify; and a drydock hash is the
 * reference implementation's hash: the CLI, given the same salt and parameters, prints the same raw
 * bytes.
 */
class PasswordHasherIT {
  @TempDir Path dir;
  private final PasswordHasher hasher = new PasswordHasher();

  private String run(String stdin, String... command) throws Exception {
    Path in = Files.writeString(dir.resolve("stdin"), stdin, StandardCharsets.UTF_8);
    Path out = dir.resolve("stdout");
    Process p =
        new ProcessBuilder(command)
            .redirectInput(in.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    String text = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(String.join(" ", command) + ": " + text).isZero();
    return text.strip();
  }

  @Test
  void argon2CliHashesVerify() throws Exception {
    for (List<String> params :
        List.of(
            List.of("-t", "2", "-k", "19456", "-p", "1"),
            List.of("-t", "1", "-k", "65536", "-p", "4"),
            List.of("-t", "3", "-m", "12", "-p", "2", "-l", "16"))) {
      String password = "pässword " + params;
      String[] command =
          java.util.stream.Stream.concat(
                  java.util.stream.Stream.of("argon2", "saltsaltsalt" + params.size(), "-id"),
                  java.util.stream.Stream.concat(params.stream(), java.util.stream.Stream.of("-e")))
              .toArray(String[]::new);
      String encoded = run(password, command);
      assertThat(encoded).startsWith("$argon2id$v=19$");
      hasher.verify(password.toCharArray(), encoded);
      assertThatThrownBy(() -> hasher.verify("other".toCharArray(), encoded))
          .isInstanceOf(PasswordHasher.WrongPasswordException.class);
    }
  }

  @Test
  void drydockHashesAreTheReferenceHashes() throws Exception {
    String password = "correct horse battery staple";
    String encoded = hasher.hash(password.toCharArray());
    PasswordHasher.Argon2Phc phc = PasswordHasher.Argon2Phc.parse(encoded);
    // The CLI takes the salt as text: use a salt of printable bytes through the same code path.
    byte[] salt = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    PasswordHasher.Argon2Phc withSalt =
        new PasswordHasher.Argon2Phc(
            phc.version(), phc.memoryKib(), phc.iterations(), phc.parallelism(), salt, phc.hash());
    byte[] ours = PasswordHasher.argon2(withSalt, password.getBytes(StandardCharsets.UTF_8));
    String raw =
        run(
            password,
            "argon2",
            "0123456789abcdef",
            "-id",
            "-t",
            Integer.toString(phc.iterations()),
            "-k",
            Integer.toString(phc.memoryKib()),
            "-p",
            Integer.toString(phc.parallelism()),
            "-l",
            Integer.toString(phc.hash().length),
            "-r");
    assertThat(HexFormat.of().formatHex(ours)).isEqualTo(raw);
    String cliEncoded =
        run(
            password,
            "argon2",
            "0123456789abcdef",
            "-id",
            "-t",
            Integer.toString(phc.iterations()),
            "-k",
            Integer.toString(phc.memoryKib()),
            "-p",
            Integer.toString(phc.parallelism()),
            "-e");
    assertThat(withSalt.withHash(ours).encode()).isEqualTo(cliEncoded);
  }

  @Test
  void htpasswdBcryptHashesVerify() throws Exception {
    for (String password : List.of("s3cret", "pässwörd", "x".repeat(72), "y".repeat(100))) {
      String line = run("", "htpasswd", "-nbB", "-C", "5", "alice", password);
      String encoded = line.substring(line.indexOf(':') + 1);
      assertThat(encoded).startsWith("$2y$05$");
      hasher.verify(password.toCharArray(), encoded);
      assertThatThrownBy(() -> hasher.verify(("!" + password.substring(1)).toCharArray(), encoded))
          .isInstanceOf(PasswordHasher.WrongPasswordException.class);
    }
  }
}
