package dev.drydock.cli;

import dev.drydock.report.FailOn;
import dev.drydock.trust.Environment;
import dev.drydock.trust.KeyFileException;
import dev.drydock.trust.KeyMetadata;
import dev.drydock.trust.OpenPgpKeys;
import dev.drydock.trust.Signer;
import dev.drydock.trust.TrustException;
import dev.drydock.trust.TrustKeys;
import dev.drydock.trust.TrustedKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Every key the CLI knows, for policies and listing: drydock's own keys ({@link TrustKeys} under
 * {@code <data>/trust/keys}), the OpenPGP form of each (written at generation as {@code
 * openpgp.pub} beside {@code cosign.pub}, named {@code NAME.pgp} because its key ID is the OpenPGP
 * fingerprint), and OpenPGP public keys imported from GnuPG ({@code <data>/trust/openpgp/<env>/
 * NAME.pgp}, revoked by a {@code NAME.revoked} file holding the instant).
 */
final class TrustKeyring {
  static final String OPENPGP_FORM = "openpgp.pub";
  static final String OPENPGP_SUFFIX = ".pgp";
  private static final String REVOKED_SUFFIX = ".revoked";
  private static final long MAX_KEY_BYTES = 1024 * 1024;

  private final Path data;
  private final Clock clock;
  private final TrustKeys keys;

  TrustKeyring(Path data, Clock clock) {
    this.data = data;
    this.clock = clock;
    this.keys = new TrustKeys(data, clock, new SecureRandom());
  }

  TrustKeys keys() {
    return keys;
  }

  /** {@return the directory of drydock key {@code name} (the layout of {@link TrustKeys})} */
  Path keyDirectory(Environment env, String name) {
    return data.resolve("trust").resolve("keys").resolve(env.id()).resolve(name);
  }

  private Path importedDirectory(Environment env) {
    return data.resolve("trust").resolve("openpgp").resolve(env.id());
  }

  /** Writes the OpenPGP form of a freshly made or imported key beside it. */
  void writeOpenPgpForm(Signer signer) throws TrustException, IOException {
    KeyMetadata m = signer.metadata();
    byte[] exported =
        OpenPgpKeys.export(signer, "drydock " + m.environment().id() + "/" + m.name());
    Path target = keyDirectory(m.environment(), m.name()).resolve(OPENPGP_FORM);
    Path temp = target.resolveSibling(OPENPGP_FORM + ".tmp");
    Files.write(temp, exported);
    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Stores an OpenPGP public key ring (from {@code gpg --export}) for {@code env}. */
  List<TrustedKey.OpenPgp> importOpenPgp(Environment env, String name, byte[] keyring)
      throws TrustException, IOException {
    List<TrustedKey.OpenPgp> read = OpenPgpKeys.read(name, keyring, name, env);
    if (read.size() != 1) {
      throw new CliException(
          name + ": the file holds " + read.size() + " keys; export one key per import.",
          FailOn.EXIT_USAGE);
    }
    requireFreeName(name);
    requireNewKey(read.getFirst().metadata().keyId());
    Path dir = Files.createDirectories(importedDirectory(env));
    Files.write(dir.resolve(name + OPENPGP_SUFFIX), keyring);
    return read;
  }

  /** Refuses a name any environment already uses: policies name keys, and must not be ambiguous. */
  void requireFreeName(String name) throws TrustException {
    for (TrustedKey k : all()) {
      String existing = k.metadata().name();
      if (existing.equals(name) || existing.equals(name + OPENPGP_SUFFIX)) {
        throw new CliException(
            "A key named "
                + name
                + " exists already ("
                + k.metadata().environment().id()
                + "); choose another name: policies name keys and must not be ambiguous.",
            FailOn.EXIT_USAGE);
      }
    }
  }

  /**
   * Refuses key material the keyring knows already, in either environment and revoked or not: the
   * same key under a dev and a prod name would erase the separation, and a revoked key imported
   * again under a new name would be trusted again.
   */
  void requireNewKey(String keyId) throws TrustException {
    for (TrustedKey k : all()) {
      if (k.metadata().keyId().equals(keyId)) {
        throw new CliException(
            "This key is known already as "
                + k.metadata().name()
                + " ("
                + k.metadata().environment().id()
                + (k.metadata().revokedAt() != null ? ", revoked" : "")
                + ", key ID "
                + keyId
                + "): one key belongs to one environment, and a revoked key stays revoked.",
            FailOn.EXIT_USAGE);
      }
    }
  }

  /** {@return every known key of both environments: drydock keys, their OpenPGP forms, imports} */
  List<TrustedKey> all() throws TrustException {
    List<TrustedKey> out = new ArrayList<>();
    for (Environment env : Environment.values()) {
      for (TrustedKey.Pkix pkix : keys.trustedKeys(env)) {
        out.add(pkix);
        Path form = keyDirectory(env, pkix.metadata().name()).resolve(OPENPGP_FORM);
        if (Files.isRegularFile(form)) {
          out.add(openPgpForm(pkix.metadata(), form));
        }
      }
      out.addAll(imported(env));
    }
    return out;
  }

  private static TrustedKey.OpenPgp openPgpForm(KeyMetadata m, Path form) throws TrustException {
    TrustedKey.OpenPgp ring =
        OpenPgpKeys.read(form.toString(), read(form), "x", m.environment()).getFirst();
    // The drydock key's window and revocation govern its OpenPGP form too.
    KeyMetadata metadata =
        new KeyMetadata(
            m.name() + OPENPGP_SUFFIX,
            ring.metadata().keyId(),
            m.algorithm(),
            m.environment(),
            m.notBefore(),
            m.notAfter(),
            m.revokedAt());
    return new TrustedKey.OpenPgp(metadata, ring.keyRing());
  }

  private List<TrustedKey.OpenPgp> imported(Environment env) throws TrustException {
    Path dir = importedDirectory(env);
    List<TrustedKey.OpenPgp> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + OPENPGP_SUFFIX)) {
      for (Path file : files) {
        String fileName = file.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - OPENPGP_SUFFIX.length());
        TrustedKey.OpenPgp key =
            OpenPgpKeys.read(file.toString(), read(file), name, env).getFirst();
        Instant revoked = revokedAt(dir.resolve(name + REVOKED_SUFFIX));
        if (revoked != null) {
          key = new TrustedKey.OpenPgp(key.metadata().revoked(revoked), key.keyRing());
        }
        out.add(key);
      }
    } catch (IOException e) {
      throw new KeyFileException(dir + ": cannot list OpenPGP keys: " + e.getMessage(), e);
    }
    out.sort((a, b) -> a.metadata().name().compareTo(b.metadata().name()));
    return out;
  }

  /**
   * Revokes the key whose ID starts with {@code idOrName} (at least 8 hex digits) or whose name is
   * {@code idOrName}: a drydock key through {@link TrustKeys#revoke}, which also revokes its
   * OpenPGP form; an imported OpenPGP key through its {@code .revoked} file.
   *
   * @return the revoked key's metadata
   */
  KeyMetadata revoke(String idOrName) throws TrustException, IOException {
    TrustedKey key = find(idOrName);
    KeyMetadata m = key.metadata();
    String name = m.name();
    if (key instanceof TrustedKey.OpenPgp && name.endsWith(OPENPGP_SUFFIX)) {
      String base = name.substring(0, name.length() - OPENPGP_SUFFIX.length());
      if (Files.isDirectory(keyDirectory(m.environment(), base))) {
        return keys.revoke(m.environment(), base);
      }
    }
    if (key instanceof TrustedKey.Pkix) {
      return keys.revoke(m.environment(), name);
    }
    Path marker = importedDirectory(m.environment()).resolve(name + REVOKED_SUFFIX);
    Instant existing = revokedAt(marker);
    KeyMetadata revoked = m.revoked(existing != null ? existing : clock.instant());
    Files.writeString(marker, String.valueOf(revoked.revokedAt()) + "\n", StandardCharsets.UTF_8);
    return revoked;
  }

  /** {@return the one key {@code idOrName} names} */
  TrustedKey find(String idOrName) throws TrustException {
    String wanted = idOrName.strip();
    List<TrustedKey> matches = new ArrayList<>();
    for (TrustedKey k : all()) {
      KeyMetadata m = k.metadata();
      boolean byId =
          wanted.length() >= 8 && m.keyId().startsWith(wanted.toLowerCase(java.util.Locale.ROOT));
      if (byId || m.name().equals(wanted)) {
        matches.add(k);
      }
    }
    if (matches.size() != 1) {
      throw new CliException(
          matches.isEmpty()
              ? "No key has the ID or name '"
                  + wanted
                  + "'. 'drydock key list' shows them (IDs may be shortened to 8 or more digits)."
              : "'" + wanted + "' matches " + matches.size() + " keys; give more of the key ID.",
          FailOn.EXIT_USAGE);
    }
    return matches.getFirst();
  }

  private static @Nullable Instant revokedAt(Path marker) throws KeyFileException {
    try {
      return Instant.parse(Files.readString(marker, StandardCharsets.UTF_8).strip());
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException | DateTimeParseException e) {
      throw new KeyFileException(
          marker + ": not a revocation time; restore it or write an ISO instant into it", e);
    }
  }

  private static byte[] read(Path file) throws KeyFileException {
    try {
      if (Files.size(file) > MAX_KEY_BYTES) {
        throw new KeyFileException(file + ": too large to be a public key");
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new KeyFileException(file + ": cannot read: " + e.getMessage(), e);
    }
  }
}
