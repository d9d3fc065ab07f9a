package dev.drydock.cli;

import dev.drydock.report.FailOn;
import dev.drydock.trust.CosignKeyFile;
import dev.drydock.trust.Environment;
import dev.drydock.trust.KdfStrength;
import dev.drydock.trust.KeyMetadata;
import dev.drydock.trust.SigningKeys;
import dev.drydock.trust.TrustException;
import dev.drydock.trust.TrustedKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code drydock key import}: bring an existing key under a name and an environment. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Import a key for dev or prod: a cosign private key file (ENCRYPTED COSIGN/SIGSTORE PRIVATE"
          + " KEY, password as for 'key generate'), an unencrypted PKCS#8 PEM private key (stored"
          + " encrypted with the password), or with --openpgp a GnuPG public key"
          + " ('gpg --export [--armor] KEYID') whose signatures 'drydock verify' then accepts."
    },
    footer = {
      "",
      "Examples:",
      "  drydock key import --env dev ci-legacy cosign.key",
      "  gpg --export --armor builder@example.com > builder.asc",
      "  drydock key import --env dev --openpgp builder builder.asc"
    })
final class KeyImportCommand implements Callable<Integer> {
  private static final long MAX_BYTES = 1024 * 1024;

  @Mixin GlobalOptions global = new GlobalOptions();
  @Mixin SigningPassword password = new SigningPassword();

  @Parameters(index = "0", paramLabel = "NAME", description = "Key name: 1 to 60 of [a-z0-9._-].")
  String name = "";

  @Parameters(index = "1", paramLabel = "FILE", description = "The key file.")
  Path file = Path.of("");

  @Option(
      names = "--env",
      required = true,
      paramLabel = "ENV",
      description = "The environment the key signs for: dev or prod.")
  String env = "";

  @Option(names = "--openpgp", description = "FILE is an OpenPGP public key (gpg --export).")
  boolean openPgp;

  @Option(
      names = "--validity-days",
      paramLabel = "DAYS",
      defaultValue = "365",
      description = "Validity of an imported private key from now (default: ${DEFAULT-VALUE}).")
  int validityDays = 365;

  @Override
  public Integer call() throws TrustException, IOException {
    Drydock root = global.root();
    Environment environment = KeyCommand.environment(env);
    if (Files.size(file) > MAX_BYTES) {
      throw new CliException(file + " is too large to be a key file.", FailOn.EXIT_USAGE);
    }
    byte[] bytes = Files.readAllBytes(file);
    TrustKeyring keyring = KeyCommand.keyring(root);
    if (openPgp) {
      List<TrustedKey.OpenPgp> keys = keyring.importOpenPgp(environment, name, bytes);
      KeyMetadata m = keys.getFirst().metadata();
      root.context()
          .out()
          .printf(
              Locale.ROOT,
              "Imported OpenPGP key %s for %s, fingerprint %s, valid to %s.%n",
              name,
              environment.id(),
              m.keyId(),
              m.notAfter());
      return 0;
    }
    keyring.requireFreeName(name);
    char[] secret = password.read(root.context(), false);
    try {
      byte[] cosignKey = asCosignKey(bytes, secret);
      keyring.requireNewKey(
          SigningKeys.keyId(
              SigningKeys.publicKeyOf(
                  file.toString(), CosignKeyFile.decrypt(file.toString(), cosignKey, secret))));
      KeyMetadata m =
          keyring
              .keys()
              .importCosignKey(name, environment, cosignKey, secret, Duration.ofDays(validityDays));
      keyring.writeOpenPgpForm(keyring.keys().signer(environment, name, secret));
      root.context()
          .out()
          .printf(
              Locale.ROOT,
              "Imported %s key %s (%s), key ID %s, valid %s to %s.%n",
              environment.id(),
              name,
              m.algorithm().name().toLowerCase(Locale.ROOT),
              m.keyId(),
              m.notBefore(),
              m.notAfter());
      return 0;
    } finally {
      Arrays.fill(secret, '\0');
    }
  }

  /** A plain PKCS#8 PEM key is encrypted into cosign's format; a cosign key stays as it is. */
  private byte[] asCosignKey(byte[] bytes, char[] secret) throws TrustException {
    String text = new String(bytes, StandardCharsets.US_ASCII);
    String begin = "-----BEGIN PRIVATE KEY-----";
    int start = text.indexOf(begin);
    if (start < 0) {
      return bytes;
    }
    int end = text.indexOf("-----END PRIVATE KEY-----", start);
    if (end < 0) {
      throw new CliException(file + ": the PRIVATE KEY block has no end line.", FailOn.EXIT_USAGE);
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(text.substring(start + begin.length(), end));
    } catch (IllegalArgumentException e) {
      throw new CliException(file + ": the PRIVATE KEY block is not base64.", FailOn.EXIT_USAGE);
    }
    PrivateKey key = null;
    for (String algorithm : List.of("EC", "RSA", "Ed25519")) {
      try {
        key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        break;
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    if (key == null) {
      throw new CliException(
          file + ": not an ECDSA, RSA or Ed25519 PKCS#8 private key.", FailOn.EXIT_USAGE);
    }
    return CosignKeyFile.encrypt(key, secret, KdfStrength.STANDARD, new SecureRandom());
  }
}
