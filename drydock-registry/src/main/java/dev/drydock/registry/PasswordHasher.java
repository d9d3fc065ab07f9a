package dev.drydock.registry;

import dev.drydock.model.InvalidValueException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.DataLengthException;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.jspecify.annotations.Nullable;

/**
 * Hashes account passwords and robot secrets with Argon2id (RFC 9106) in the PHC string form the
 * reference {@code argon2} tool prints ({@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, the
 * OWASP minimum parameters), and verifies Argon2id strings of any bounded parameters and bcrypt
 * strings ({@code $2a$}, {@code $2b$}, {@code $2y$}, as {@code htpasswd -B} writes) so that
 * htpasswd files can be imported. Hash comparison takes constant time.
 *
 * <p>Verification throws {@link WrongPasswordException} on a mismatch; a stored hash that is
 * malformed or whose parameters exceed the bounds (a hostile hash must not exhaust memory or CPU)
 * is an {@link InvalidValueException}.
 */
public final class PasswordHasher {
  /** The longest password accepted, in UTF-8 bytes; longer input is refused, not truncated. */
  public static final int MAX_PASSWORD_BYTES = 1024;

  /** Memory of new hashes in KiB (OWASP: 19 MiB with two passes). */
  static final int MEMORY_KIB = 19_456;

  /** Passes of new hashes. */
  static final int ITERATIONS = 2;

  /** Lanes of new hashes. */
  static final int PARALLELISM = 1;

  static final int SALT_BYTES = 16;
  static final int HASH_BYTES = 32;

  /** bcrypt cost bounds: below 4 is not bcrypt, above 16 takes seconds per login. */
  static final int BCRYPT_MAX_COST = 16;

  /** bcrypt reads at most 72 password bytes (crypt_blowfish, which htpasswd uses). */
  private static final int BCRYPT_KEY_BYTES = 72;

  private static final java.util.regex.Pattern BCRYPT_FORM =
      java.util.regex.Pattern.compile("\\$2[aby]\\$[0-9]{2}\\$[./A-Za-z0-9]{53}");

  private final SecureRandom random;

  /** Creates a hasher drawing salts from a new {@link SecureRandom}. */
  public PasswordHasher() {
    this(new SecureRandom());
  }

  /** Creates a hasher drawing salts from {@code random}. */
  public PasswordHasher(SecureRandom random) {
    this.random = random;
  }

  /** Thrown when a password does not match its hash. Never names the password. */
  public static final class WrongPasswordException extends RegistryException {
    private static final long serialVersionUID = 1L;

    WrongPasswordException() {
      super("The password does not match: check the user name and password");
    }
  }

  /**
   * {@return the Argon2id PHC string of {@code password}} with a fresh salt.
   *
   * @throws InvalidValueException when the password is longer than {@link #MAX_PASSWORD_BYTES}
   */
  public String hash(char[] password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] secret = utf8(password);
    try {
      Argon2Phc phc =
          new Argon2Phc(
              Argon2Parameters.ARGON2_VERSION_13,
              MEMORY_KIB,
              ITERATIONS,
              PARALLELISM,
              salt,
              new byte[HASH_BYTES]);
      return phc.withHash(argon2(phc, secret)).encode();
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  /**
   * Checks {@code password} against a stored Argon2id or bcrypt hash.
   *
   * @throws WrongPasswordException when it does not match
   * @throws InvalidValueException when the stored hash is malformed, of another scheme, or its
   *     parameters are out of bounds; or the password is too long
   */
  public void verify(char[] password, String encoded) throws WrongPasswordException {
    byte[] secret = utf8(password);
    try {
      boolean match =
          switch (scheme(encoded)) {
            case ARGON2ID -> {
              Argon2Phc phc = Argon2Phc.parse(encoded);
              yield MessageDigest.isEqual(argon2(phc, secret), phc.hash());
            }
            case BCRYPT -> bcrypt(encoded, secret);
          };
      if (!match) {
        throw new WrongPasswordException();
      }
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  /**
   * {@return whether a stored hash should be replaced (after a successful login) by a new one}:
   * bcrypt hashes and Argon2id hashes weaker or other than the current parameters.
   *
   * @throws InvalidValueException when the hash is malformed
   */
  public boolean needsRehash(String encoded) {
    return switch (scheme(encoded)) {
      case BCRYPT -> true;
      case ARGON2ID -> {
        Argon2Phc phc = Argon2Phc.parse(encoded);
        yield phc.version() != Argon2Parameters.ARGON2_VERSION_13
            || phc.memoryKib() != MEMORY_KIB
            || phc.iterations() != ITERATIONS
            || phc.parallelism() != PARALLELISM
            || phc.salt().length < SALT_BYTES
            || phc.hash().length != HASH_BYTES;
      }
    };
  }

  /**
   * {@return a new random secret for an administrator or robot}: 32 bytes from {@link
   * SecureRandom}, unpadded base64url (43 characters).
   */
  public static String generateSecret() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The hash schemes understood. */
  enum Scheme {
    ARGON2ID,
    BCRYPT
  }

  static Scheme scheme(String encoded) {
    if (encoded.startsWith("$argon2id$")) {
      return Scheme.ARGON2ID;
    }
    if (encoded.startsWith("$2a$") || encoded.startsWith("$2b$") || encoded.startsWith("$2y$")) {
      return Scheme.BCRYPT;
    }
    throw new InvalidValueException(
        "password hash",
        prefix(encoded),
        "use an Argon2id PHC string ($argon2id$...) or a bcrypt hash ($2a$, $2b$, $2y$)");
  }

  static byte[] argon2(Argon2Phc phc, byte[] secret) {
    Argon2Parameters parameters =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(phc.version())
            .withMemoryAsKB(phc.memoryKib())
            .withIterations(phc.iterations())
            .withParallelism(phc.parallelism())
            .withSalt(phc.salt())
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(parameters);
    byte[] out = new byte[phc.hash().length];
    generator.generateBytes(secret, out);
    return out;
  }

  /** Checks a bcrypt hash: bounded cost, then BouncyCastle's (constant-time) comparison. */
  private static boolean bcrypt(String encoded, byte[] secret) {
    // $2y$05$ + 22 salt and 31 hash characters in bcrypt's base64 alphabet. Checked here in full:
    // BouncyCastle's parser throws unchecked index errors on some malformed strings.
    if (!BCRYPT_FORM.matcher(encoded).matches()) {
      throw new InvalidValueException(
          "bcrypt hash", prefix(encoded), "expected $2y$<cost>$<53 characters of ./A-Za-z0-9>");
    }
    int cost = Integer.parseInt(encoded.substring(4, 6));
    if (cost < 4 || cost > BCRYPT_MAX_COST) {
      throw new InvalidValueException(
          "bcrypt cost",
          Integer.toString(cost),
          "use a hash of cost 4 to " + BCRYPT_MAX_COST + " (re-hash it with htpasswd -B -C 10)");
    }
    byte[] key = Arrays.copyOf(secret, Math.min(secret.length, BCRYPT_KEY_BYTES));
    try {
      return OpenBSDBCrypt.checkPassword(encoded, key);
    } catch (IllegalArgumentException | DataLengthException e) {
      throw new InvalidValueException(
          "bcrypt hash", prefix(encoded), "it is malformed (" + e.getMessage() + ")");
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private static byte[] utf8(char[] password) {
    ByteBuffer bytes;
    try {
      bytes =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(password));
    } catch (CharacterCodingException e) {
      throw new InvalidValueException(
          "password", "(not shown)", "it is not valid Unicode text (lone surrogate)");
    }
    byte[] out = new byte[bytes.remaining()];
    bytes.get(out);
    bytes.clear();
    while (bytes.hasRemaining()) {
      bytes.put((byte) 0);
    }
    if (out.length > MAX_PASSWORD_BYTES) {
      Arrays.fill(out, (byte) 0);
      throw new InvalidValueException(
          "password",
          "(" + out.length + " bytes, not shown)",
          "use at most " + MAX_PASSWORD_BYTES + " bytes");
    }
    return out;
  }

  /** The scheme part of a hash, for messages: never the salt or hash. */
  static String prefix(String encoded) {
    int end = encoded.indexOf('$', 1);
    String head = end > 0 ? encoded.substring(0, end + 1) : "";
    return head.length() <= 16 ? head + "..." : head.substring(0, 16) + "...";
  }

  /**
   * An Argon2id hash in the PHC string format, {@code
   * $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>}, salt and hash in unpadded standard
   * base64 (the form of the reference implementation's {@code encode_string}). Parsing is strict
   * (one canonical spelling) and bounded.
   */
  static final class Argon2Phc {
    static final int MAX_MEMORY_KIB = 1 << 20;
    static final int MAX_ITERATIONS = 20;
    static final int MAX_PARALLELISM = 16;
    static final int MAX_INPUT = 512;
    private static final java.util.regex.Pattern FORM =
        java.util.regex.Pattern.compile(
            "\\$argon2id(?:\\$v=(16|19))?\\$m=([1-9][0-9]{0,9}),t=([1-9][0-9]{0,9}),p=([1-9][0-9]{0,9})"
                + "\\$([A-Za-z0-9+/]{11,86})\\$([A-Za-z0-9+/]{6,171})");

    private final int version;
    private final int memoryKib;
    private final int iterations;
    private final int parallelism;
    private final byte[] salt;
    private final byte[] hash;

    Argon2Phc(
        int version, int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {
      this.version = version;
      this.memoryKib = memoryKib;
      this.iterations = iterations;
      this.parallelism = parallelism;
      this.salt = salt.clone();
      this.hash = hash.clone();
      if (version != Argon2Parameters.ARGON2_VERSION_13
          && version != Argon2Parameters.ARGON2_VERSION_10) {
        throw bad("version " + version, "use v=19 (or v=16)");
      }
      if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
        throw bad("p=" + parallelism, "use 1 to " + MAX_PARALLELISM + " lanes");
      }
      if (iterations < 1 || iterations > MAX_ITERATIONS) {
        throw bad("t=" + iterations, "use 1 to " + MAX_ITERATIONS + " passes");
      }
      if (memoryKib < 8 * parallelism || memoryKib > MAX_MEMORY_KIB) {
        throw bad("m=" + memoryKib, "use 8*p to " + MAX_MEMORY_KIB + " KiB (1 GiB)");
      }
      if (salt.length < 8 || salt.length > 64) {
        throw bad("salt of " + salt.length + " bytes", "use 8 to 64 bytes");
      }
      if (hash.length < 4 || hash.length > 128) {
        throw bad("hash of " + hash.length + " bytes", "use 4 to 128 bytes");
      }
    }

    /** {@return the parsed string} */
    static Argon2Phc parse(String encoded) {
      if (encoded.length() > MAX_INPUT) {
        throw bad(encoded.length() + " characters", "at most " + MAX_INPUT);
      }
      java.util.regex.Matcher m = FORM.matcher(encoded);
      if (!m.matches()) {
        throw bad(
            prefix(encoded), "expected $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>");
      }
      String v = m.group(1);
      return new Argon2Phc(
          v == null || v.equals("16")
              ? Argon2Parameters.ARGON2_VERSION_10
              : Argon2Parameters.ARGON2_VERSION_13,
          number(m.group(2)),
          number(m.group(3)),
          number(m.group(4)),
          base64(m.group(5)),
          base64(m.group(6)));
    }

    Argon2Phc withHash(byte[] newHash) {
      return new Argon2Phc(version, memoryKib, iterations, parallelism, salt, newHash);
    }

    /** {@return the PHC string} */
    String encode() {
      Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
      return "$argon2id$v="
          + version
          + "$m="
          + memoryKib
          + ",t="
          + iterations
          + ",p="
          + parallelism
          + "$"
          + b64.encodeToString(salt)
          + "$"
          + b64.encodeToString(hash);
    }

    int version() {
      return version;
    }

    int memoryKib() {
      return memoryKib;
    }

    int iterations() {
      return iterations;
    }

    int parallelism() {
      return parallelism;
    }

    byte[] salt() {
      return salt.clone();
    }

    byte[] hash() {
      return hash.clone();
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Argon2Phc p && encode().equals(p.encode());
    }

    @Override
    public int hashCode() {
      return encode().hashCode();
    }

    /** Shows only the parameters. */
    @Override
    public String toString() {
      return "argon2id v=" + version + " m=" + memoryKib + " t=" + iterations + " p=" + parallelism;
    }

    private static int number(String digits) {
      long value = Long.parseLong(digits);
      return value > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) value;
    }

    /** Decodes unpadded base64, refusing non-canonical spellings (stray trailing bits). */
    private static byte[] base64(String text) {
      if (text.length() % 4 == 1) {
        throw bad(
            "base64 of " + text.length() + " characters", "it cannot be a whole number of bytes");
      }
      byte[] bytes = Base64.getDecoder().decode(text);
      if (!Base64.getEncoder().withoutPadding().encodeToString(bytes).equals(text)) {
        throw bad("non-canonical base64", "re-encode the salt and hash without stray bits");
      }
      return bytes;
    }

    private static InvalidValueException bad(String value, String remedy) {
      return new InvalidValueException("Argon2id hash", value, remedy);
    }
  }
}
