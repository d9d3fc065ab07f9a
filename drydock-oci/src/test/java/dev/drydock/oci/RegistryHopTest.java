package dev.drydock.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.Digest;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Where the client lets a registry send it: redirects and page links keep credentials on the
 * registry's origin (scheme and authority), never step down from https to http, and refuse links
 * that are no http(s) URL; a Bearer realm must be https unless the registry itself is plain http.
 */
class RegistryHopTest {
  private static final String BASIC = "Basic YWxpY2U6c2VjcmV0";

  private static RegistryOptions plain() {
    return new RegistryOptions(
        RegistryCredentials.basic("alice", "secret"), null, true, Duration.ofSeconds(10));
  }

  @Test
  void sameOrigin_comparesSchemeAndAuthority() {
    URI base = URI.create("https://reg.test:5000");
    assertThat(RegistryTransport.sameOrigin(URI.create("https://reg.test:5000/v2/x"), base))
        .isTrue();
    assertThat(RegistryTransport.sameOrigin(URI.create("HTTPS://REG.test:5000/v2/x"), base))
        .isTrue();
    assertThat(RegistryTransport.sameOrigin(URI.create("http://reg.test:5000/v2/x"), base))
        .isFalse();
    assertThat(RegistryTransport.sameOrigin(URI.create("https://other.test:5000/x"), base))
        .isFalse();
    assertThat(RegistryTransport.sameOrigin(URI.create("mailto:x"), base)).isFalse();
  }

  @Test
  void follow_refusesHttpsToHttp_opaqueAndMalformedTargets() throws Exception {
    URI from = URI.create("https://reg.test/v2/a/blobs/sha256:00");
    assertThatThrownBy(() -> RegistryTransport.follow(from, "http://reg.test/x", "redirect", 307))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("plain-HTTP http://reg.test/x")
        .hasMessageContaining("refused");
    assertThatThrownBy(() -> RegistryTransport.follow(from, "mailto:x", "redirect", 307))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("not an http(s) URL");
    assertThatThrownBy(() -> RegistryTransport.follow(from, "http://a b/", "redirect", 307))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("malformed");
    assertThat(RegistryTransport.follow(from, "/v2/b", "redirect", 307))
        .hasToString("https://reg.test/v2/b");
    assertThat(
            RegistryTransport.follow(
                URI.create("http://127.0.0.1:5000/x"), "https://cdn.test/y", "redirect", 307))
        .hasToString("https://cdn.test/y");
  }

  @Test
  void redirectToAnOpaqueUrl_isARegistryException_andCredentialsStayHome() throws Exception {
    List<String> auth = new CopyOnWriteArrayList<>();
    try (TinyHttpServer server =
        new TinyHttpServer(
            req -> {
              auth.add(req.header("Authorization"));
              if (!BASIC.equals(req.header("Authorization"))) {
                return TinyHttpServer.Response.of(401, "", "WWW-Authenticate", "Basic realm=x");
              }
              return TinyHttpServer.Response.of(307, "", "Location", "mailto:x");
            })) {
      RegistryTransport transport = new RegistryTransport("127.0.0.1:" + server.port(), plain());
      URI uri = transport.uri("a/manifests/1");

      assertThatThrownBy(
              () -> transport.send(RegistryTransport.Call.get(uri, "*/*", List.of(), "manifest")))
          .isInstanceOf(RegistryException.class)
          .hasMessageContaining("mailto:x")
          .hasMessageContaining("not an http(s) URL");
      assertThat(auth).containsExactly("null", BASIC);
    }
  }

  @Test
  void tagAndReferrerPageLinks_offTheOriginOrOpaque_areRefusedWithoutNpe() throws Exception {
    for (String link : List.of("<mailto:x>; rel=\"next\"", "<https://%s/v2/next>; rel=\"next\"")) {
      try (TinyHttpServer server =
          new TinyHttpServer(
              req ->
                  TinyHttpServer.Response.of(
                      200,
                      req.uri().getPath().contains("/referrers/")
                          ? "{\"schemaVersion\":2,\"mediaType\":\""
                              + MediaTypes.OCI_INDEX
                              + "\",\"manifests\":[]}"
                          : "{\"name\":\"a\",\"tags\":[\"1\"]}",
                      "Content-Type",
                      MediaTypes.OCI_INDEX,
                      "Link",
                      link.replace("%s", req.header("Host"))))) {
        RegistryTransport transport = new RegistryTransport("127.0.0.1:" + server.port(), plain());

        assertThatThrownBy(() -> TagList.list(transport, "a"))
            .isInstanceOf(MalformedContentException.class)
            .hasMessageContaining("tag list");
        Digest subject = new Digest("sha256", "0".repeat(64));
        assertThatThrownBy(() -> new Referrers(transport, "a").list(subject, null))
            .isInstanceOf(MalformedContentException.class)
            .hasMessageContaining("referrers");
      }
    }
  }

  @Test
  void plainHttpRealm_forAnHttpsRegistry_isRefusedNamingTheRealm() throws Exception {
    RegistryOptions tls =
        new RegistryOptions(
            RegistryCredentials.basic("alice", "secret"), null, false, Duration.ofSeconds(2));
    Challenge challenge =
        Challenge.parse("Bearer realm=\"http://127.0.0.1:1/token\",service=\"reg\"");

    try (HttpClient http = HttpClient.newHttpClient()) {
      assertThatThrownBy(
              () -> new TokenFetcher(http, tls).fetch(challenge, List.of("repository:a:pull"), "x"))
          .isInstanceOf(RegistryAuthException.class)
          .hasMessageContaining("http://127.0.0.1:1/token")
          .hasMessageContaining("plain http");
      // A plain-http (loopback) registry may name an http realm: the request is attempted.
      assertThatThrownBy(
              () ->
                  new TokenFetcher(http, plain())
                      .fetch(challenge, List.of("repository:a:pull"), "x"))
          .isInstanceOf(RegistryAuthException.class)
          .hasMessageContaining("cannot reach the token server");
    }
  }
}
