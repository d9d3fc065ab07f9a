package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.drydock.model.InvalidValueException;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the stored-hash parsers (Argon2id PHC strings and bcrypt): any string is either refused
 * with an {@link InvalidValueException} or parses into bounded parameters that re-encode to the
 * same text; and no fuzzed hash ever accepts a password unless it is a hash of that password (the
 * fuzzer cannot find Argon2id or bcrypt preimages). Verification runs only for cheap parameters, so
 * the fuzzer explores the parsers rather than the hash functions.
 */
class PasswordHashFuzzTest {
  private static final PasswordHasher HASHER = new PasswordHasher();

  /** The real hashes of "correct horse" among the seeds (bcrypt under each of its prefixes). */
  private static final java.util.List<String> GENUINE =
      java.util.List.of(
          PasswordHasherTest.CLI_ARGON2,
          PasswordHasherTest.HTPASSWD_BCRYPT,
          "$2a$" + PasswordHasherTest.HTPASSWD_BCRYPT.substring(4),
          "$2b$" + PasswordHasherTest.HTPASSWD_BCRYPT.substring(4));

  @FuzzTest(maxDuration = "60s")
  @Timeout(30)
  void parse(FuzzedDataProvider data) {
    String password = "correct horse";
    String encoded = data.consumeRemainingAsString();
    PasswordHasher.Scheme scheme;
    try {
      scheme = PasswordHasher.scheme(encoded);
    } catch (InvalidValueException expected) {
      return;
    }
    boolean cheap = false;
    if (scheme == PasswordHasher.Scheme.ARGON2ID) {
      try {
        PasswordHasher.Argon2Phc phc = PasswordHasher.Argon2Phc.parse(encoded);
        assertThat(phc.memoryKib()).isBetween(8, PasswordHasher.Argon2Phc.MAX_MEMORY_KIB);
        assertThat(phc.iterations()).isBetween(1, PasswordHasher.Argon2Phc.MAX_ITERATIONS);
        assertThat(phc.parallelism()).isBetween(1, PasswordHasher.Argon2Phc.MAX_PARALLELISM);
        String canonical = phc.encode();
        assertThat(PasswordHasher.Argon2Phc.parse(canonical)).isEqualTo(phc);
        cheap = phc.memoryKib() <= 256 && phc.iterations() <= 2;
      } catch (InvalidValueException expected) {
        return;
      }
    } else {
      cheap = encoded.length() > 6 && encoded.substring(4, 6).matches("0[45]");
    }
    if (!cheap) {
      return;
    }
    try {
      HASHER.verify(password.toCharArray(), encoded);
      // A match must be genuine: the fuzzer would have had to invert the hash.
      assertThat(encoded).as("accepted a fuzzed hash").isIn(GENUINE);
    } catch (PasswordHasher.WrongPasswordException | InvalidValueException expected) {
      assertThat(expected.getMessage()).isNotBlank().doesNotContain(password);
    }
  }
}
