package dev.drydock.trust;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * drydock's signing keys on disk: {@code <data>/trust/keys/<env>/<name>/} holds {@code cosign.key}
 * (cosign-compatible encrypted private key, mode 0600), {@code cosign.pub} (PEM public key) and
 * {@code key.json} (metadata). Directories are owner-only.
 */
public final class TrustKeys {
  static final String PRIVATE_KEY = "cosign.key";
  static final String PUBLIC_KEY = "cosign.pub";
  static final String METADATA = "key.json";

  private final Path root;
  private final Clock clock;
  private final SecureRandom random;

  /** Opens the key store under {@code dataDir} (created on first write). */
  public TrustKeys(Path dataDir, Clock clock, SecureRandom random) {
    this.root = dataDir.resolve("trust").resolve("keys");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * Generates a key pair and stores it, valid from now for {@code validity}.
   *
   * @throws KeyFileException when a key of that name exists or the files cannot be written
   */
  public KeyMetadata generate(
      String name,
      Environment environment,
      KeyAlgorithm algorithm,
      Duration validity,
      char[] password,
      KdfStrength strength)
      throws KeyFileException {
    if (validity.isNegative() || validity.isZero()) {
      throw new IllegalArgumentException("validity must be positive, got " + validity);
    }
    Instant now = clock.instant();
    KeyPair pair = algorithm.generate(random);
    KeyMetadata metadata =
        new KeyMetadata(
            name,
            SigningKeys.keyId(pair.getPublic()),
            algorithm,
            environment,
            now,
            now.plus(validity),
            null);
    Path dir = directory(environment, name);
    if (Files.exists(dir)) {
      throw new KeyFileException(
          dir + ": a key named " + name + " already exists in " + environment.id());
    }
    createPrivateDirectories(dir);
    write(
        dir.resolve(PRIVATE_KEY),
        CosignKeyFile.encrypt(pair.getPrivate(), password, strength, random),
        true);
    write(dir.resolve(PUBLIC_KEY), SigningKeys.publicKeyPem(pair.getPublic()), false);
    write(dir.resolve(METADATA), KeyMetadataCodec.encode(metadata), false);
    return metadata;
  }

  /** {@return the stored metadata of one key} */
  public KeyMetadata metadata(Environment environment, String name) throws KeyFileException {
    Path file = directory(environment, name).resolve(METADATA);
    return KeyMetadataCodec.decode(file.toString(), read(file));
  }

  /**
   * Marks a key revoked from now on; its signatures are refused from then.
   *
   * @return the updated metadata
   */
  public KeyMetadata revoke(Environment environment, String name) throws KeyFileException {
    KeyMetadata revoked = metadata(environment, name).revoked(clock.instant());
    write(directory(environment, name).resolve(METADATA), KeyMetadataCodec.encode(revoked), false);
    return revoked;
  }

  /**
   * {@return a signer over a stored key, decrypted with {@code password}}
   *
   * @throws WrongPasswordException when the password does not open the key
   */
  public Signer signer(Environment environment, String name, char[] password)
      throws KeyFileException {
    Path dir = directory(environment, name);
    KeyMetadata metadata = metadata(environment, name);
    Path keyFile = dir.resolve(PRIVATE_KEY);
    PrivateKey privateKey = CosignKeyFile.decrypt(keyFile.toString(), read(keyFile), password);
    PublicKey publicKey = publicKey(environment, name);
    if (!SigningKeys.keyId(SigningKeys.publicKeyOf(keyFile.toString(), privateKey))
        .equals(metadata.keyId())) {
      throw new KeyFileException(
          keyFile + ": the private key does not belong to " + metadata.keyId() + "; restore it");
    }
    return new FileKeySigner(metadata, privateKey, publicKey);
  }

  /** {@return a signer over a private key held in memory (e.g. one read from a cosign key file)} */
  public static Signer signer(KeyMetadata metadata, PrivateKey privateKey) throws KeyFileException {
    PublicKey publicKey = SigningKeys.publicKeyOf(metadata.name(), privateKey);
    if (!SigningKeys.keyId(publicKey).equals(metadata.keyId())) {
      throw new KeyFileException(
          metadata.name() + ": the private key does not match key ID " + metadata.keyId());
    }
    return new FileKeySigner(metadata, privateKey, publicKey);
  }

  /** {@return the stored public key} */
  public PublicKey publicKey(Environment environment, String name) throws KeyFileException {
    Path file = directory(environment, name).resolve(PUBLIC_KEY);
    return SigningKeys.readPublicKey(file.toString(), read(file));
  }

  /** {@return every stored key of {@code environment} as a trusted key, sorted by name} */
  public List<TrustedKey.Pkix> trustedKeys(Environment environment) throws KeyFileException {
    Path dir = root.resolve(environment.id());
    List<TrustedKey.Pkix> keys = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return keys;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        KeyMetadata metadata = metadata(environment, name);
        keys.add(new TrustedKey.Pkix(metadata, publicKey(environment, name)));
      }
    } catch (IOException e) {
      throw new KeyFileException(dir + ": cannot list keys: " + e.getMessage(), e);
    }
    keys.sort((a, b) -> a.metadata().name().compareTo(b.metadata().name()));
    return keys;
  }

  Path directory(Environment environment, String name) {
    KeyMetadata.requireValidName(name);
    return root.resolve(environment.id()).resolve(name);
  }

  /**
   * Imports an existing cosign key file (e.g. from {@code cosign generate-key-pair}), valid from
   * now for {@code validity}. The file is stored as given; the password is only checked.
   *
   * @throws WrongPasswordException when the password does not open the key
   * @throws KeyFileException when the file is not an accepted cosign key or the name is taken
   */
  public KeyMetadata importCosignKey(
      String name, Environment environment, byte[] cosignKey, char[] password, Duration validity)
      throws KeyFileException {
    PrivateKey privateKey = CosignKeyFile.decrypt(name, cosignKey, password);
    PublicKey publicKey = SigningKeys.publicKeyOf(name, privateKey);
    Instant now = clock.instant();
    KeyMetadata metadata =
        new KeyMetadata(
            name,
            SigningKeys.keyId(publicKey),
            KeyAlgorithm.of(name, publicKey),
            environment,
            now,
            now.plus(validity),
            null);
    Path dir = directory(environment, name);
    if (Files.exists(dir)) {
      throw new KeyFileException(
          dir + ": a key named " + name + " already exists in " + environment.id());
    }
    createPrivateDirectories(dir);
    write(dir.resolve(PRIVATE_KEY), cosignKey, true);
    write(dir.resolve(PUBLIC_KEY), SigningKeys.publicKeyPem(publicKey), false);
    write(dir.resolve(METADATA), KeyMetadataCodec.encode(metadata), false);
    return metadata;
  }

  private static byte[] read(Path file) throws KeyFileException {
    try {
      if (Files.size(file) > Json.MAX_BYTES) {
        throw new KeyFileException(file + ": too large to be a key file");
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new KeyFileException(file + ": no such key file; generate the key first", e);
    } catch (IOException e) {
      throw new KeyFileException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static void createPrivateDirectories(Path dir) throws KeyFileException {
    try {
      Path current = dir.getRoot();
      for (Path part : dir.toAbsolutePath()) {
        current = current == null ? part : current.resolve(part);
        if (!Files.exists(current)) {
          Files.createDirectory(
              current,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
      }
    } catch (IOException e) {
      throw new KeyFileException(dir + ": cannot create the key directory: " + e.getMessage(), e);
    }
  }

  private static void write(Path target, byte[] content, boolean secret) throws KeyFileException {
    Path temp = target.resolveSibling(target.getFileName() + ".tmp");
    try {
      Files.deleteIfExists(temp);
      Files.createFile(
          temp,
          PosixFilePermissions.asFileAttribute(
              PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--")));
      Files.write(temp, content);
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new KeyFileException(target + ": cannot write: " + e.getMessage(), e);
    }
  }
}
