package dev.drydock.cli;

import dev.drydock.model.ImageRef;
import dev.drydock.model.InvalidValueException;
import dev.drydock.oci.CredentialHelper;
import dev.drydock.oci.OciException;
import dev.drydock.oci.Platform;
import dev.drydock.oci.RegistryClient;
import dev.drydock.oci.RegistryCredentials;
import dev.drydock.oci.RegistryImageReader;
import dev.drydock.oci.RegistryOptions;
import dev.drydock.report.FailOn;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * How {@code sbom} and {@code scan} reach a registry: credentials from the Docker client config
 * ({@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}; anonymous without an
 * entry; the client answers Basic and Bearer challenges), TLS trust ({@code --registry-ca}, else
 * the JDK's), and plain HTTP for loopback registries only ({@code --insecure-http}).
 */
final class RegistryInput {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

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
    if (insecureHttp && !isLoopback(ref.registry())) {
      throw new CliException(
          "--insecure-http is accepted for loopback registries only (localhost, 127.x, [::1]),"
              + " not "
              + ref.registry()
              + "; give the registry's CA with --registry-ca instead.",
          FailOn.EXIT_USAGE);
    }
    Path ca = registryCa;
    SSLContext tls = ca == null ? null : RegistryClient.trusting(ca);
    RegistryCredentials credentials =
        RegistryCredentials.fromDockerConfig(
            dockerConfig(context), ref.registry(), CredentialHelper.of(context.env()));
    RegistryClient client =
        new RegistryClient(
            ref.registry(), new RegistryOptions(credentials, tls, insecureHttp, TIMEOUT));
    return new RegistryImageReader(client, platform);
  }

  /** {@return the Docker client config file: $DOCKER_CONFIG/config.json or ~/.docker's} */
  static Path dockerConfig(CliContext context) {
    String dir = context.env().get("DOCKER_CONFIG");
    Path base = dir != null && !dir.isBlank() ? Path.of(dir) : context.home().resolve(".docker");
    return base.resolve("config.json");
  }

  /**
   * {@return true when a registry host[:port] is {@code localhost} or a loopback IP literal}; names
   * are not resolved, so a DNS answer cannot turn plain HTTP on.
   */
  static boolean isLoopback(String registry) {
    String host;
    if (registry.startsWith("[")) {
      int end = registry.indexOf(']');
      if (end < 0) {
        return false;
      }
      host = registry.substring(1, end);
    } else {
      int colon = registry.lastIndexOf(':');
      host = colon >= 0 ? registry.substring(0, colon) : registry;
    }
    if (host.equals("localhost")) {
      return true;
    }
    if (!host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
      return false;
    }
    try {
      return InetAddress.ofLiteral(host).isLoopbackAddress();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
