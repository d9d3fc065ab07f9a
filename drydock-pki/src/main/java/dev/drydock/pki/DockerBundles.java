package dev.drydock.pki;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes the files dockerd and the docker CLI need for mutual TLS.
 *
 * @see <a href="https://docs.docker.com/engine/security/protect-access/">Protect the Docker daemon
 *     socket</a>
 */
final class DockerBundles {
  static final String CLIENT_NAME = "docker-client";

  private DockerBundles() {}

  static DockerBundle write(Issuer issuer, String host, List<String> extraSans, Path output)
      throws PkiException {
    Path root = output.toAbsolutePath().normalize();
    SubjectAltName hostName = SubjectAltName.parse(host);
    Set<SubjectAltName> sans = new LinkedHashSet<>();
    sans.add(hostName);
    sans.add(new SubjectAltName.Dns("localhost"));
    sans.add(SubjectAltName.Ip.parse("127.0.0.1"));
    extraSans.forEach(san -> sans.add(SubjectAltName.parse(san)));
    IssueRequest serverRequest =
        IssueRequest.server(hostName.value()).sans(new ArrayList<>(sans)).build();
    IssuedCertificate server =
        issuer.issue(serverRequest, root.resolve("server"), IssuedFiles.Layout.DOCKER);
    IssuedCertificate client =
        issuer.issue(
            IssueRequest.client(CLIENT_NAME).build(),
            root.resolve("client"),
            IssuedFiles.Layout.DOCKER);
    Path daemonJson = root.resolve("daemon.json");
    SecureFiles.writeAtomically(
        daemonJson, daemonJson(server).getBytes(StandardCharsets.UTF_8), false);
    return new DockerBundle(server, client, daemonJson);
  }

  /** {@return the daemon.json snippet for {@code server}, with absolute paths} */
  static String daemonJson(IssuedCertificate server) {
    return "{\n"
        + "  \"tlsverify\": true,\n"
        + "  \"tlscacert\": "
        + quote(server.caFile().toString())
        + ",\n"
        + "  \"tlscert\": "
        + quote(server.certFile().toString())
        + ",\n"
        + "  \"tlskey\": "
        + quote(server.keyFile().toString())
        + "\n"
        + "}\n";
  }

  /** {@return {@code text} as a JSON string literal (RFC 8259, section 7)} */
  static String quote(String text) {
    StringBuilder json = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        default -> {
          if (c < 0x20) {
            json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    return json.append('"').toString();
  }
}
