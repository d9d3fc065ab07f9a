package dev.drydock.pki;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The files for running dockerd with {@code --tlsverify} and for the clients that talk to it.
 *
 * <p>{@code server/} holds {@code ca.pem} (the root CA), {@code cert.pem} (server certificate
 * followed by the issuing CA, so Go's TLS can build the chain; {@code chain.pem} is the same) and
 * {@code key.pem}. {@code daemon.json} points dockerd at them with absolute paths. {@code client/}
 * holds the same three names for a client certificate and can be used as {@code DOCKER_CERT_PATH}
 * with {@code DOCKER_TLS_VERIFY=1}.
 *
 * @param server the server certificate, written to {@code server/}
 * @param client the client certificate, written to {@code client/}
 * @param daemonJson the {@code daemon.json} snippet
 */
public record DockerBundle(IssuedCertificate server, IssuedCertificate client, Path daemonJson) {
  /** Checks the parts are present. */
  public DockerBundle {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(daemonJson, "daemonJson");
  }
}
