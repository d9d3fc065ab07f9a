package dev.drydock.cli;

import dev.drydock.engine.EngineEndpoint;
import dev.drydock.pki.PkiException;
import dev.drydock.pki.TlsContext;
import dev.drydock.pki.TlsFiles;
import dev.drydock.pki.TlsOptions;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Which Docker engine to talk to, as the docker CLI decides it: {@code --host}, else {@code
 * DOCKER_HOST}, else the local socket; TLS client files from {@code --tls-dir}, else {@code
 * DOCKER_CERT_PATH} (or {@code ~/.docker}) when {@code DOCKER_TLS_VERIFY} is set.
 */
final class EngineOptionsMixin {
  @Option(
      names = {"-H", "--host"},
      paramLabel = "ADDRESS",
      description =
          "unix:///path or tcp://host:port (default: $DOCKER_HOST, else the local socket).")
  @Nullable String host;

  @Option(
      names = "--tls-dir",
      paramLabel = "DIR",
      description =
          "Client bundle with ca.pem, cert.pem and key.pem (as 'drydock pki docker-daemon' writes"
              + " it); turns on TLS with server and client verification for tcp:// addresses.")
  @Nullable Path tlsDir;

  EngineEndpoint endpoint(CliContext context) throws PkiException {
    String address =
        host != null
            ? host
            : context.env().getOrDefault("DOCKER_HOST", EngineEndpoint.DEFAULT_HOST);
    Path dir = tlsDirectory(context);
    if (dir == null || address.startsWith("unix://")) {
      return EngineEndpoint.parse(address);
    }
    TlsFiles files =
        new TlsFiles(dir.resolve("key.pem"), dir.resolve("cert.pem"), dir.resolve("ca.pem"), null);
    TlsContext tls = TlsContext.client(TlsOptions.of(files), context.clock());
    return EngineEndpoint.parse(address, tls.sslContext());
  }

  private @Nullable Path tlsDirectory(CliContext context) {
    if (tlsDir != null) {
      return tlsDir;
    }
    if (context.env().getOrDefault("DOCKER_TLS_VERIFY", "").isEmpty()) {
      return null;
    }
    String certPath = context.env().get("DOCKER_CERT_PATH");
    return certPath == null || certPath.isEmpty()
        ? context.home().resolve(".docker")
        : Path.of(certPath);
  }
}
