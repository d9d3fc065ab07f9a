package dev.drydock.cli;

import dev.drydock.model.Digest;
import dev.drydock.model.ImageRef;
import dev.drydock.model.InvalidValueException;
import dev.drydock.oci.CredentialHelper;
import dev.drydock.oci.OciException;
import dev.drydock.oci.RegistryClient;
import dev.drydock.oci.RegistryClientFactory;
import dev.drydock.oci.RegistryCredentials;
import dev.drydock.oci.RegistryOptions;
import dev.drydock.report.FailOn;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * How the signing commands reach a registry: TLS trust ({@code --registry-ca}), plain HTTP for
 * loopback test registries only ({@code --insecure-http}), and credentials from the Docker client
 * config ({@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}).
 */
final class SigningRegistry {
  @Option(
      names = "--registry-ca",
      paramLabel = "FILE",
      description = "PEM CA certificate(s) to trust for the registry's TLS certificate.")
  @Nullable Path registryCa;

  @Option(
      names = "--insecure-http",
      description = "Talk plain HTTP to the registry; accepted for loopback registries only.")
  boolean insecureHttp;

  /** {@return {@code text} parsed as an image reference, or a usage error naming it} */
  static ImageRef parse(String option, String text) {
    try {
      return ImageRef.parse(text);
    } catch (InvalidValueException e) {
      throw new CliException(
          option + " '" + text + "': " + e.getMessage() + ".", FailOn.EXIT_USAGE);
    }
  }

  /** Refuses {@code --insecure-http} for {@code ref} unless its registry is on loopback. */
  void check(ImageRef ref) {
    check(ref.registry());
  }

  private void check(String registry) {
    if (insecureHttp && !isLoopback(registry)) {
      throw new CliException(
          "--insecure-http is accepted for loopback registries only (localhost, 127.x, [::1]), not "
              + registry
              + "; give the registry's CA with --registry-ca.",
          FailOn.EXIT_USAGE);
    }
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

  /** {@return the options to reach {@code registry}, checked} */
  RegistryOptions options(String registry, CliContext context) throws OciException {
    check(registry);
    Path ca = registryCa;
    SSLContext tls = ca == null ? null : RegistryClient.trusting(ca);
    RegistryCredentials credentials =
        RegistryCredentials.fromDockerConfig(
            dockerConfig(context), registry, CredentialHelper.of(context.env()));
    return new RegistryOptions(credentials, tls, insecureHttp, Duration.ofSeconds(30));
  }

  /** {@return a client for {@code ref}'s registry} */
  RegistryClient client(ImageRef ref, CliContext context) throws OciException {
    return new RegistryClient(ref.registry(), options(ref.registry(), context));
  }

  /** {@return a factory giving each registry a client with these options (one per host)} */
  RegistryClientFactory clients(CliContext context) {
    java.util.Map<String, RegistryClient> made = new java.util.concurrent.ConcurrentHashMap<>();
    return registry -> {
      RegistryClient existing = made.get(registry);
      if (existing != null) {
        return existing;
      }
      RegistryClient client = new RegistryClient(registry, options(registry, context));
      made.put(registry, client);
      return client;
    };
  }

  /**
   * {@return the manifest digest {@code ref} names: its own digest, else what the registry serves
   * for its tag (an index's digest for a multi-platform image, as cosign signs it)}
   */
  Digest resolve(ImageRef ref, CliContext context) throws OciException {
    Digest given = ref.digest();
    if (given != null) {
      return given;
    }
    return client(ref, context).manifest(ref).digest();
  }

  /** {@return the Docker client config file: $DOCKER_CONFIG/config.json or ~/.docker's} */
  static Path dockerConfig(CliContext context) {
    String dir = context.env().get("DOCKER_CONFIG");
    Path base = dir != null && !dir.isBlank() ? Path.of(dir) : context.home().resolve(".docker");
    return base.resolve("config.json");
  }
}
