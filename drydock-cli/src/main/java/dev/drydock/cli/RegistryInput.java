package dev.drydock.cli;

import dev.drydock.model.ImageRef;
import dev.drydock.model.InvalidValueException;
import dev.drydock.oci.OciException;
import dev.drydock.oci.Platform;
import dev.drydock.oci.RegistryImageReader;
import dev.drydock.report.FailOn;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * How {@code sbom} and {@code scan} reach a registry: credentials from the Docker client config
 * ({@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}; anonymous without an
 * entry; the client answers Basic and Bearer challenges), TLS trust ({@code --registry-ca}, else
 * the JDK's), and plain HTTP for loopback registries only ({@code --insecure-http}).
 */
final class RegistryInput {

  @Option(
      names = "--registry-ca",
      paramLabel = "FILE",
      description = "PEM CA certificate(s) to trust for a registry's TLS certificate.")
  @Nullable Path registryCa;

  @Option(
      names = "--insecure-http",
      description =
          "Read from a registry over plain HTTP; accepted for loopback registries only"
              + " (localhost, 127.0.0.0/8, [::1]).")
  boolean insecureHttp;

  /** {@return a reader for {@code reference}'s registry} */
  RegistryImageReader reader(String reference, CliContext context, Platform platform)
      throws OciException {
    ImageRef ref;
    try {
      ref = ImageRef.parse(reference);
    } catch (InvalidValueException e) {
      throw new CliException(
          "'" + reference + "' is not an image reference: " + e.getMessage() + ".",
          FailOn.EXIT_USAGE);
    }
    // One place decides loopback, TLS trust and credentials for every registry command.
    SigningRegistry access = new SigningRegistry();
    access.registryCa = registryCa;
    access.insecureHttp = insecureHttp;
    return new RegistryImageReader(access.client(ref, context), platform);
  }

  /** {@return true for a loopback registry; see {@link SigningRegistry#isLoopback(String)}} */
  static boolean isLoopback(String registry) {
    return SigningRegistry.isLoopback(registry);
  }
}
