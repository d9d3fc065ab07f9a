package dev.drydock.cli;

import dev.drydock.report.FailOn;
import dev.drydock.trust.Environment;
import dev.drydock.trust.KdfStrength;
import dev.drydock.trust.KeyAlgorithm;
import dev.drydock.trust.KeyMetadata;
import dev.drydock.trust.Signer;
import dev.drydock.trust.TrustException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code drydock key generate}: a new signing key for one environment. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Generate a signing key for dev or prod: a cosign-compatible encrypted private key (PEM"
          + " 'ENCRYPTED COSIGN PRIVATE KEY', scrypt + secretbox), the PEM public key, its OpenPGP"
          + " form (for containers simple signing) and metadata (key ID, environment, validity).",
      "The password comes from --password-file, else $DRYDOCK_KEY_PASSWORD, else a prompt."
    },
    footer = {
      "",
      "Examples:",
      "  drydock key generate --env dev ci",
      "  drydock key generate --env prod release-2026 --algorithm ed25519 --out ./keys"
    })
final class KeyGenerateCommand implements Callable<Integer> {
  /** Leaves room for the {@code .pgp} suffix within the 64 characters a key name may have. */
  private static final int MAX_NAME = 60;

  @Mixin GlobalOptions global = new GlobalOptions();
  @Mixin SigningPassword password = new SigningPassword();

  @Parameters(paramLabel = "NAME", description = "Key name: 1 to 60 of [a-z0-9._-].")
  String name = "";

  @Option(
      names = "--env",
      required = true,
      paramLabel = "ENV",
      description = "The environment the key signs for: dev or prod.")
  String env = "";

  @Option(
      names = "--algorithm",
      paramLabel = "ALG",
      defaultValue = "ecdsa-p256",
      description = "ecdsa-p256 (default), rsa (3072 bits), rsa-4096 or ed25519.")
  String algorithm = "ecdsa-p256";

  @Option(
      names = "--validity-days",
      paramLabel = "DAYS",
      defaultValue = "365",
      description = "How long the key is valid from now (default: ${DEFAULT-VALUE} days).")
  int validityDays = 365;

  @Option(
      names = "--kdf",
      paramLabel = "STRENGTH",
      defaultValue = "standard",
      description =
          "scrypt cost of the key file: legacy (N=32768), standard (N=65536, cosign's default)"
              + " or owasp (N=131072).")
  String kdf = "standard";

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Also write NAME.key, NAME.pub and NAME.pgp (OpenPGP public key) into DIR.")
  @Nullable Path out;

  @Override
  public Integer call() throws TrustException, IOException {
    Drydock root = global.root();
    Environment environment = KeyCommand.environment(env);
    KeyAlgorithm alg = algorithm(algorithm);
    KdfStrength strength = strength(kdf);
    if (name.length() > MAX_NAME) {
      throw new CliException(
          "Key name '" + name + "' is longer than " + MAX_NAME + " characters.", FailOn.EXIT_USAGE);
    }
    if (validityDays < 1 || validityDays > 36_500) {
      throw new CliException("--validity-days must be 1 to 36500.", FailOn.EXIT_USAGE);
    }
    TrustKeyring keyring = KeyCommand.keyring(root);
    keyring.requireFreeName(name);
    Path target = out;
    if (target != null) {
      for (String suffix : new String[] {".key", ".pub", ".pgp"}) {
        if (Files.exists(target.resolve(name + suffix))) {
          throw new CliException(
              target.resolve(name + suffix) + " exists already; choose another --out.",
              FailOn.EXIT_USAGE);
        }
      }
    }
    char[] secret = password.read(root.context(), true);
    KeyMetadata metadata;
    try {
      metadata =
          keyring
              .keys()
              .generate(name, environment, alg, Duration.ofDays(validityDays), secret, strength);
      Signer signer = keyring.keys().signer(environment, name, secret);
      keyring.writeOpenPgpForm(signer);
    } finally {
      Arrays.fill(secret, '\0');
    }
    Path dir = keyring.keyDirectory(environment, name);
    if (target != null) {
      Files.createDirectories(target);
      copy(dir.resolve("cosign.key"), target.resolve(name + ".key"), true);
      copy(dir.resolve("cosign.pub"), target.resolve(name + ".pub"), false);
      copy(dir.resolve(TrustKeyring.OPENPGP_FORM), target.resolve(name + ".pgp"), false);
    }
    PrintWriter o = root.context().out();
    o.printf(
        Locale.ROOT,
        "Generated %s key %s (%s), key ID %s, valid %s to %s.%n",
        environment.id(),
        name,
        metadata.algorithm().name().toLowerCase(Locale.ROOT),
        metadata.keyId(),
        metadata.notBefore(),
        metadata.notAfter());
    o.println("  private key: " + dir.resolve("cosign.key"));
    o.println("  public key:  " + dir.resolve("cosign.pub"));
    o.println(
        "  OpenPGP:     "
            + dir.resolve(TrustKeyring.OPENPGP_FORM)
            + " (policy name "
            + name
            + TrustKeyring.OPENPGP_SUFFIX
            + ")");
    if (target != null) {
      o.println("  copies in:   " + target);
    }
    return 0;
  }

  static KeyAlgorithm algorithm(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "ecdsa-p256", "ecdsa", "p256", "ec" -> KeyAlgorithm.ECDSA_P256;
      case "rsa", "rsa-3072" -> KeyAlgorithm.RSA_3072;
      case "rsa-4096" -> KeyAlgorithm.RSA_4096;
      case "ed25519" -> KeyAlgorithm.ED25519;
      default ->
          throw new CliException(
              "--algorithm '" + text + "': use ecdsa-p256, rsa, rsa-4096 or ed25519.",
              FailOn.EXIT_USAGE);
    };
  }

  static KdfStrength strength(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "legacy" -> KdfStrength.LEGACY;
      case "standard" -> KdfStrength.STANDARD;
      case "owasp" -> KdfStrength.OWASP;
      default ->
          throw new CliException(
              "--kdf '" + text + "': use legacy, standard or owasp.", FailOn.EXIT_USAGE);
    };
  }

  /** Writes into a file created with its final mode, so a secret is never readable by others. */
  private static void copy(Path from, Path to, boolean secret) throws IOException {
    Files.createFile(
        to,
        PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--")));
    Files.write(to, Files.readAllBytes(from), StandardOpenOption.TRUNCATE_EXISTING);
  }
}
