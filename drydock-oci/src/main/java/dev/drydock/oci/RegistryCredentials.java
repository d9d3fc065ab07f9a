package dev.drydock.oci;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How to authenticate to a registry: anonymously, with a user name and password, or with an
 * identity (refresh) token as {@code docker login} stores it. Holds secrets, so it is not a record
 * and never prints them.
 */
public final class RegistryCredentials {
  private static final RegistryCredentials ANONYMOUS = new RegistryCredentials(null, null, null);

  /** The key and server URL under which the docker CLI stores Docker Hub credentials. */
  static final String DOCKER_HUB_SERVER = "https://index.docker.io/v1/";

  private final @Nullable String username;
  private final @Nullable String password;
  private final @Nullable String identityToken;

  private RegistryCredentials(
      @Nullable String username, @Nullable String password, @Nullable String identityToken) {
    this.username = username;
    this.password = password;
    this.identityToken = identityToken;
  }

  /** {@return no credentials} */
  public static RegistryCredentials anonymous() {
    return ANONYMOUS;
  }

  /** {@return user name and password, sent as HTTP Basic to the registry or token server} */
  public static RegistryCredentials basic(String username, String password) {
    return new RegistryCredentials(
        Objects.requireNonNull(username, "username"),
        Objects.requireNonNull(password, "password"),
        null);
  }

  /** {@return an identity token, exchanged with {@code grant_type=refresh_token}} */
  public static RegistryCredentials identityToken(String token) {
    return new RegistryCredentials(null, null, Objects.requireNonNull(token, "token"));
  }

  /**
   * Reads the credentials for a registry from a Docker client config ({@code
   * ~/.docker/config.json}) without running credential helpers: {@code auths.<host>.auth} (base64
   * {@code user:password}) or {@code auths.<host>.identitytoken}; a registry without an entry is
   * anonymous. Use {@link #fromDockerConfig(Path, String, CredentialHelper)} to honour {@code
   * credsStore} and {@code credHelpers} as the docker CLI does.
   *
   * @param configJson the config file; a missing file means anonymous
   * @param registry the registry host as in an image reference, e.g. {@code 127.0.0.1:5000}; {@code
   *     docker.io} also matches Docker's {@code https://index.docker.io/v1/} key
   * @throws MalformedContentException when the file is not valid or an entry cannot be decoded
   */
  public static RegistryCredentials fromDockerConfig(Path configJson, String registry)
      throws OciException {
    return fromDockerConfig(configJson, registry, null);
  }

  /**
   * Reads the credentials for a registry from a Docker client config with the docker CLI's
   * precedence: the helper named in {@code credHelpers.<host>}, else the {@code credsStore} helper,
   * else {@code auths.<host>}. A helper that has no credentials for the registry means anonymous,
   * as for the docker CLI.
   *
   * @param configJson the config file; a missing file means anonymous
   * @param registry the registry host as in an image reference; {@code docker.io} is asked for as
   *     {@code https://index.docker.io/v1/}, as the docker CLI does
   * @param helpers runs the helpers; {@code null} reads {@code auths} only
   * @throws MalformedContentException when the file is not valid or an entry cannot be decoded
   * @throws CredentialHelperException when a configured helper is missing or fails
   */
  public static RegistryCredentials fromDockerConfig(
      Path configJson, String registry, @Nullable CredentialHelper helpers) throws OciException {
    if (!Files.isRegularFile(configJson)) {
      return ANONYMOUS;
    }
    String what = "docker config " + configJson;
    JsonNode root;
    try {
      root = Codecs.parseObject(Files.readAllBytes(configJson), what);
    } catch (IOException e) {
      throw new OciException("Cannot read " + configJson + ": " + e, e);
    }
    boolean hub = registry.equals("docker.io");
    if (helpers != null) {
      // docker/cli config/configfile: credHelpers[host] wins over credsStore, which wins over
      // auths.
      String serverUrl = hub ? DOCKER_HUB_SERVER : registry;
      JsonNode perHost = Codecs.optObject(root, "credHelpers", what);
      String helper =
          perHost == null ? null : Codecs.optText(perHost, serverUrl, what + " credHelpers");
      if (helper == null || helper.isEmpty()) {
        helper = Codecs.optText(root, "credsStore", what);
      }
      if (helper != null && !helper.isEmpty()) {
        return helpers.get(helper, serverUrl);
      }
    }
    JsonNode auths = Codecs.optObject(root, "auths", what);
    if (auths == null) {
      return ANONYMOUS;
    }
    List<String> keys =
        hub
            ? List.of(DOCKER_HUB_SERVER, "docker.io", "index.docker.io")
            : List.of(
                registry,
                "https://" + registry,
                "http://" + registry,
                "https://" + registry + "/v2/");
    for (String key : keys) {
      JsonNode entry = auths.get(key);
      if (entry != null && entry.isObject()) {
        return fromEntry(entry, what + " auths." + key);
      }
    }
    return ANONYMOUS;
  }

  /**
   * {@return the docker CLI's config file for an environment: {@code $DOCKER_CONFIG/config.json},
   * else {@code $HOME/.docker/config.json}; empty when neither variable is set}
   */
  public static Optional<Path> dockerConfigFile(Map<String, String> env) {
    String dir = env.get("DOCKER_CONFIG");
    if (dir != null && !dir.isEmpty()) {
      return Optional.of(Path.of(dir, "config.json"));
    }
    String home = env.get("HOME");
    if (home != null && !home.isEmpty()) {
      return Optional.of(Path.of(home, ".docker", "config.json"));
    }
    return Optional.empty();
  }

  private static RegistryCredentials fromEntry(JsonNode entry, String what)
      throws MalformedContentException {
    String token = Codecs.optText(entry, "identitytoken", what);
    if (token != null && !token.isEmpty()) {
      return identityToken(token);
    }
    String auth = Codecs.optText(entry, "auth", what);
    if (auth == null || auth.isEmpty()) {
      return ANONYMOUS;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(auth.strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new MalformedContentException(what + ".auth is not valid base64", e);
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      throw new MalformedContentException(what + ".auth does not decode to user:password");
    }
    return basic(decoded.substring(0, colon), decoded.substring(colon + 1));
  }

  boolean isAnonymous() {
    return username == null && identityToken == null;
  }

  @Nullable String identityToken() {
    return identityToken;
  }

  /** {@return the Basic authorization header value, or null without a user name} */
  @Nullable String basicHeader() {
    if (username == null || password == null) {
      return null;
    }
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** {@return the kind of credentials and the user name; never a secret} */
  @Override
  public String toString() {
    if (identityToken != null) {
      return "RegistryCredentials[identity token]";
    }
    return username == null
        ? "RegistryCredentials[anonymous]"
        : "RegistryCredentials[user=" + username + "]";
  }
}
