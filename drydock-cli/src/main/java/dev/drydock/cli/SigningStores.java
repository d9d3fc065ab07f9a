package dev.drydock.cli;

import dev.drydock.model.Digest;
import dev.drydock.model.ImageRef;
import dev.drydock.report.FailOn;
import dev.drydock.trust.ImageSignature;
import dev.drydock.trust.LookasideSignatureStore;
import dev.drydock.trust.RegistrySignatureStore;
import dev.drydock.trust.SignatureFormat;
import dev.drydock.trust.SignatureStore;
import dev.drydock.trust.TrustException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Where the signing commands put and find signatures. By default the image's registry keeps the
 * cosign formats (bundles as OCI 1.1 referrers with the {@code sha256-<hex>} tag fallback, legacy
 * signatures under {@code sha256-<hex>.sig}) and a lookaside directory keeps OpenPGP simple
 * signatures, as skopeo and podman read them. {@code --store lookaside} keeps every format in the
 * lookaside directory (air-gapped use, tests without a registry).
 */
final class SigningStores {
  @Option(
      names = "--lookaside",
      paramLabel = "DIR",
      description =
          "Lookaside signature directory, as skopeo and podman read it (registries.d 'lookaside:"
              + " file://DIR'): <repository>@sha256=<hex>/signature-N.")
  @Nullable Path lookaside;

  @Option(
      names = "--store",
      paramLabel = "WHERE",
      defaultValue = "registry",
      description =
          "registry (default: cosign signatures in the registry, OpenPGP ones in --lookaside) or"
              + " lookaside (every format in --lookaside).")
  String store = "registry";

  private boolean lookasideOnly() {
    return switch (store.strip().toLowerCase(Locale.ROOT)) {
      case "registry" -> false;
      case "lookaside" -> {
        if (lookaside == null) {
          throw new CliException("--store lookaside needs --lookaside DIR.", FailOn.EXIT_USAGE);
        }
        yield true;
      }
      default ->
          throw new CliException(
              "--store '" + store + "': use registry or lookaside.", FailOn.EXIT_USAGE);
    };
  }

  /** Refuses early (before a password prompt) a format that has nowhere to go. */
  void check(SignatureFormat format) {
    boolean only = lookasideOnly();
    if (format == SignatureFormat.OPENPGP_SIMPLE_SIGNING && lookaside == null) {
      throw new CliException(
          "OpenPGP simple signatures live in a lookaside directory, as skopeo and podman read"
              + " them: give --lookaside DIR.",
          FailOn.EXIT_USAGE);
    }
    if (only && lookaside == null) {
      throw new CliException("--store lookaside needs --lookaside DIR.", FailOn.EXIT_USAGE);
    }
  }

  /** {@return the store for the images of {@code registry}'s registries} */
  SignatureStore store(SigningRegistry registry, CliContext context) {
    Path dir = lookaside;
    if (lookasideOnly()) {
      return new LookasideSignatureStore(java.util.Objects.requireNonNull(dir));
    }
    RegistrySignatureStore remote =
        new RegistrySignatureStore(registry.clients(context), context.clock());
    return dir == null ? remote : remote.withLookaside(new LookasideSignatureStore(dir));
  }

  /** {@return every signature of {@code digest} in {@code image}'s repository} */
  List<ImageSignature> read(
      SigningRegistry registry, CliContext context, ImageRef image, Digest digest)
      throws TrustException {
    return store(registry, context).read(image, digest);
  }

  /** {@return where a {@code format} signature of the image goes, for messages} */
  String where(SignatureFormat format, ImageRef image, Digest digest) {
    Path dir = lookaside;
    if (dir != null && (lookasideOnly() || format == SignatureFormat.OPENPGP_SIMPLE_SIGNING)) {
      return new LookasideSignatureStore(dir).directory(image, digest).toString();
    }
    return switch (format) {
      case COSIGN_BUNDLE -> "referrer of " + image.name() + "@" + digest;
      case COSIGN_SIMPLE_SIGNING ->
          image.name() + ":" + RegistrySignatureStore.signatureTag(digest);
      case OPENPGP_SIMPLE_SIGNING -> "lookaside";
    };
  }
}
