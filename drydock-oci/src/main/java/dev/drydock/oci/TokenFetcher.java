package dev.drydock.oci;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Gets a Bearer token from the realm a challenge names: GET with {@code service} and {@code scope}
 * (Basic credentials when there are some), or, with an identity token, the OAuth2 POST {@code
 * grant_type=refresh_token}.
 *
 * @see <a href="https://distribution.github.io/distribution/spec/auth/token/">token spec</a>
 * @see <a href="https://distribution.github.io/distribution/spec/auth/oauth/">OAuth2 token spec</a>
 */
final class TokenFetcher {
  private final HttpClient http;
  private final RegistryOptions options;

  TokenFetcher(HttpClient http, RegistryOptions options) {
    this.http = http;
    this.options = options;
  }

  /**
   * @param scopes the scopes to ask for, each sent as its own scope parameter (a cross-repository
   *     mount needs push on the target and pull on the source)
   */
  String fetch(Challenge challenge, List<String> scopes, String what) throws OciException {
    String realm = challenge.param("realm");
    if (realm == null || !(realm.startsWith("https://") || realm.startsWith("http://"))) {
      throw new RegistryAuthException(
          what + ": the Bearer challenge has no http(s) realm", 401, null);
    }
    // The token request carries the credentials; over http they travel in cleartext. Only a
    // registry reached over plain http itself (a loopback test registry) may name an http realm.
    if (realm.startsWith("http://") && !options.plainHttp()) {
      throw new RegistryAuthException(
          what
              + ": the registry's token realm "
              + realm
              + " is plain http; refusing to send credentials there without TLS (the"
              + " registry must name an https realm)",
          401,
          null);
    }
    String service = challenge.param("service");
    List<String> fields = new ArrayList<>();
    if (service != null) {
      fields.add("service");
      fields.add(service);
    }
    for (String scope : scopes) {
      fields.add("scope");
      fields.add(scope);
    }
    HttpRequest.Builder request;
    String identity = options.credentials().identityToken();
    if (identity != null) {
      fields.addAll(
          List.of(
              "grant_type", "refresh_token", "refresh_token", identity, "client_id", "drydock"));
      request =
          HttpRequest.newBuilder(URI.create(realm))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(RegistryTransport.form(fields)));
    } else {
      String sep = realm.contains("?") ? "&" : "?";
      request =
          HttpRequest.newBuilder(URI.create(realm + sep + RegistryTransport.form(fields))).GET();
      String basic = options.credentials().basicHeader();
      if (basic != null) {
        request.header("Authorization", basic);
      }
    }
    HttpResponse<InputStream> response;
    try {
      response =
          http.send(
              request.timeout(options.timeout()).build(),
              HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new RegistryAuthException(
          what + ": cannot reach the token server " + realm + ": " + e.getMessage(), 0, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException("Interrupted while fetching a token for the " + what, e);
    }
    if (response.statusCode() != 200) {
      RegistryException error = RegistryTransport.error(response, "token request to " + realm);
      throw new RegistryAuthException(
          what + ": " + error.getMessage(), response.statusCode(), error.code());
    }
    byte[] body;
    try (InputStream in = response.body()) {
      body = in.readNBytes(Codecs.MAX_DOCUMENT_BYTES);
    } catch (IOException e) {
      throw new RegistryAuthException(what + ": reading the token failed: " + e, 0, null);
    }
    JsonNode json = Codecs.parseObject(body, "token response from " + realm);
    String token = Codecs.optText(json, "token", "token response");
    if (token == null || token.isEmpty()) {
      token = Codecs.optText(json, "access_token", "token response");
    }
    if (token == null || token.isEmpty()) {
      throw new RegistryAuthException(
          what + ": the token server " + realm + " returned neither token nor access_token",
          200,
          null);
    }
    return token;
  }
}
