package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.InvalidValueException;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  private final PasswordHasher hasher = new PasswordHasher();

  /**
   * Made by the Debian argon2 CLI: echo -n 'correct horse' | argon2 drydocksalt16by -id -t 3 -k
   * 4096 -p 2 -e
   */
  static final String CLI_ARGON2 =
      "$argon2id$v=19$m=4096,t=3,p=2$ZHJ5ZG9ja3NhbHQxNmJ5$w4YfT91D20EPLlfinoLuLtLLd/3hJg+6Ox+jKQatCE8";

  /** Made by htpasswd -nbB -C 4 u 'correct horse' (apache2-utils 2.4). */
  static final String HTPASSWD_BCRYPT =
      "$2y$04$prMMp5N4kZuIDAYxyC04he/36s91twwnk58Fk6Uo.o/mO7jqqnwNG";

  /** htpasswd -nbB -C 4 u with 80 'x': bcrypt reads only the first 72 bytes. */
  static final String HTPASSWD_LONG =
      "$2y$04$YDyZ6qadGESehfyWr4yXQ.vPL36uI80Lk2tBOOuNZIP8Dx9oi5dNK";

  @Test
  void hashesInTheOwaspPhcFormAndVerifies() throws Exception {
    String hash = hasher.hash("s3cret pässword".toCharArray());
    assertThat(hash)
        .matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    hasher.verify("s3cret pässword".toCharArray(), hash);
    assertThatThrownBy(() -> hasher.verify("s3cret password".toCharArray(), hash))
        .isInstanceOf(PasswordHasher.WrongPasswordException.class)
        .hasMessageNotContaining("s3cret");
    assertThat(hasher.needsRehash(hash)).isFalse();
  }

  @Test
  void saltsDiffer() {
    Set<String> hashes = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      hashes.add(hasher.hash("same".toCharArray()));
    }
    assertThat(hashes).hasSize(3);
  }

  @Test
  void verifiesHashesOfTheReferenceTools() throws Exception {
    hasher.verify("correct horse".toCharArray(), CLI_ARGON2);
    assertThatThrownBy(() -> hasher.verify("correct horsf".toCharArray(), CLI_ARGON2))
        .isInstanceOf(PasswordHasher.WrongPasswordException.class);
    assertThat(hasher.needsRehash(CLI_ARGON2)).isTrue();
    hasher.verify("correct horse".toCharArray(), HTPASSWD_BCRYPT);
    hasher.verify("correct horse".toCharArray(), "$2b$" + HTPASSWD_BCRYPT.substring(4));
    hasher.verify("correct horse".toCharArray(), "$2a$" + HTPASSWD_BCRYPT.substring(4));
    assertThatThrownBy(() -> hasher.verify("Correct horse".toCharArray(), HTPASSWD_BCRYPT))
        .isInstanceOf(PasswordHasher.WrongPasswordException.class);
    assertThat(hasher.needsRehash(HTPASSWD_BCRYPT)).isTrue();
    hasher.verify("x".repeat(80).toCharArray(), HTPASSWD_LONG);
    hasher.verify("x".repeat(72).toCharArray(), HTPASSWD_LONG);
    assertThatThrownBy(() -> hasher.verify("x".repeat(71).toCharArray(), HTPASSWD_LONG))
        .isInstanceOf(PasswordHasher.WrongPasswordException.class);
  }

  @Test
  void refusesHostileOrMalformedHashes() {
    String salt = "$ZHJ5ZG9ja3NhbHQxNmJ5$w4YfT91D20EPLlfinoLuLtLLd/3hJg+6Ox+jKQatCE8";
    for (String bad :
        new String[] {
          "$argon2id$v=19$m=1048577,t=1,p=1" + salt,
          "$argon2id$v=19$m=99999999999,t=1,p=1" + salt,
          "$argon2id$v=19$m=4096,t=21,p=1" + salt,
          "$argon2id$v=19$m=4096,t=1,p=17" + salt,
          "$argon2id$v=19$m=8,t=1,p=2" + salt,
          "$argon2id$v=18$m=4096,t=1,p=1" + salt,
          "$argon2id$v=19$m=4096,t=1,p=1$c2hvcnQ$w4YfT91D20EPLlfinoLuLtLLd",
          "$argon2id$v=19$m=4096,t=1,p=1$ZHJ5ZG9ja3NhbHQxNmJ5$w4YfT91D20EPLlfinoLuLtLLd/3hJg+6Ox+jKQatCE9",
          "$argon2id$v=19$m=4096,t=1,p=1$ZHJ5ZG9ja3NhbHQxNmJ5==$w4YfT91D20EPLlfinoLuLtLLd/3hJg+6Ox+jKQatCE8",
          "$argon2id$v=19$t=1,m=4096,p=1" + salt,
          "$argon2i$v=19$m=4096,t=1,p=1" + salt,
          "$2y$17$prMMp5N4kZuIDAYxyC04he/36s91twwnk58Fk6Uo.o/mO7jqqnwNG",
          "$2y$03$prMMp5N4kZuIDAYxyC04he/36s91twwnk58Fk6Uo.o/mO7jqqnwNG",
          "$2y$04$prMMp5N4kZuIDAYxyC04he/36s91twwnk58Fk6Uo.o/mO7jqqnwN",
          "$2x$04$prMMp5N4kZuIDAYxyC04he/36s91twwnk58Fk6Uo.o/mO7jqqnwNG",
          // Found by PasswordHashFuzzTest: BouncyCastle threw StringIndexOutOfBoundsException.
          "$2y$04$prMMp5N4kZuIDAYxyC04he/36s91$v=19$m=62,o.o/mO7jqqnwNG",
          "plain",
          ""
        }) {
      assertThatThrownBy(() -> hasher.verify("pw".toCharArray(), bad))
          .as(bad)
          .isInstanceOf(InvalidValueException.class)
          .hasMessageNotContaining("w4YfT91D20EPLlfinoLuLtLLd");
    }
  }

  @Test
  void refusesOverlongAndMalformedPasswords() {
    char[] longest = "é".repeat(PasswordHasher.MAX_PASSWORD_BYTES / 2).toCharArray();
    assertThat(hasher.hash(longest)).startsWith("$argon2id$");
    char[] tooLong = "x".repeat(PasswordHasher.MAX_PASSWORD_BYTES + 1).toCharArray();
    assertThatThrownBy(() -> hasher.hash(tooLong))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("at most 1024 bytes")
        .hasMessageNotContaining("xxxx");
    assertThatThrownBy(() -> hasher.hash(new char[] {'a', '\uD800'}))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("Unicode");
  }

  @Test
  void phcStringsRoundTrip() {
    PasswordHasher.Argon2Phc phc = PasswordHasher.Argon2Phc.parse(CLI_ARGON2);
    assertThat(phc.memoryKib()).isEqualTo(4096);
    assertThat(phc.iterations()).isEqualTo(3);
    assertThat(phc.parallelism()).isEqualTo(2);
    assertThat(new String(phc.salt(), java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("drydocksalt16by");
    assertThat(phc.encode()).isEqualTo(CLI_ARGON2);
    assertThat(PasswordHasher.Argon2Phc.parse(phc.encode())).isEqualTo(phc).hasSameHashCodeAs(phc);
    assertThat(phc.toString()).doesNotContain("ZHJ5");
    String legacy =
        "$argon2id$m=4096,t=3,p=2$ZHJ5ZG9ja3NhbHQxNmJ5$w4YfT91D20EPLlfinoLuLtLLd/3hJg+6Ox+jKQatCE8";
    assertThat(PasswordHasher.Argon2Phc.parse(legacy).version()).isEqualTo(0x10);
  }

  @Test
  void generatedSecretsAreLongAndUrlSafe() {
    String a = PasswordHasher.generateSecret();
    assertThat(a).matches("[A-Za-z0-9_-]{43}");
    assertThat(Base64.getUrlDecoder().decode(a)).hasSize(32);
    assertThat(PasswordHasher.generateSecret()).isNotEqualTo(a);
  }
}
