package dev.drydock.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ReferenceRegistry} starts Debian's docker-registry as asked, and stops it. */
class ReferenceRegistryIT {
  @TempDir Path work;

  @Test
  void tlsWithBasicAuth_servesTheApi_toTheCaAndTheUserOnly() throws Exception {
    HttpResponse<Void> anonymous;
    HttpResponse<Void> authorized;
    String hostPort;
    ReferenceRegistry.Options options =
        ReferenceRegistry.Options.basicAuth("alice", "Secret-1").withTls();
    try (ReferenceRegistry registry = ReferenceRegistry.start(work, options)) {
      hostPort = registry.hostPort();
      assertThat(registry.tls()).isTrue();
      assertThat(registry.user()).isEqualTo("alice");
      assertThat(registry.password()).isEqualTo("Secret-1");
      HttpClient client =
          HttpClient.newBuilder()
              .sslContext(trusting(Objects.requireNonNull(registry.caPem())))
              .build();
      URI uri = URI.create("https://" + hostPort + "/v2/");
      anonymous =
          client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
      String basic =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString("alice:Secret-1".getBytes(StandardCharsets.UTF_8));
      authorized =
          client.send(
              HttpRequest.newBuilder(uri).header("Authorization", basic).build(),
              HttpResponse.BodyHandlers.discarding());
      assertThat(registry.logTail()).isNotEmpty();
    }
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(authorized.statusCode()).isEqualTo(200);
    HttpClient after = HttpClient.newHttpClient();
    assertThatThrownBy(
            () ->
                after.send(
                    HttpRequest.newBuilder(URI.create("http://" + hostPort + "/v2/")).build(),
                    HttpResponse.BodyHandlers.discarding()))
        .isInstanceOf(java.io.IOException.class);
  }

  @Test
  void anonymousPlainHttp_andOptionsValidate() throws Exception {
    try (ReferenceRegistry registry =
        ReferenceRegistry.start(work, ReferenceRegistry.Options.anonymous())) {
      HttpResponse<Void> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://" + registry.hostPort() + "/v2/"))
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(registry.caPem()).isNull();
      assertThat(registry.user()).isNull();
      assertThat(Files.exists(registry.log())).isTrue();
    }
    assertThatThrownBy(() -> new ReferenceRegistry.Options("u", null, false, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static SSLContext trusting(Path pem) throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    try (InputStream in = Files.newInputStream(pem)) {
      store.setCertificateEntry(
          "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }
}
