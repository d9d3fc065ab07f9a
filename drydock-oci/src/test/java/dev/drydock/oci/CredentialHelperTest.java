package dev.drydock.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs real credential helpers: shell scripts named {@code docker-credential-*} on an injected
 * {@code PATH}, speaking the docker-credential-helpers protocol.
 */
class CredentialHelperTest {
  private static final String SECRET = "s3cret-Do-Not-Print";

  /**
   * Answers per server URL like a real helper: JSON on stdout, "credentials not found" on stdout
   * with status 1, or a failure on stderr. Records its argument and input for the protocol checks.
   */
  private static final String TEST_HELPER =
      """
      #!/bin/sh
      server=$(cat)
      printf '%s|%s' "$1" "$server" > "$HELPER_LOG"
      case "$server" in
        reg.test:5000) printf '{"ServerURL":"%s","Username":"alice","Secret":"%s"}' "$server" "$HELPER_SECRET" ;;
        token.test) printf '{"ServerURL":"token.test","Username":"<token>","Secret":"idt-%s"}\\n' "$HELPER_SECRET" ;;
        https://index.docker.io/v1/) printf '{"ServerURL":"%s","Username":"hubuser","Secret":"hubpw"}' "$server" ;;
        empty.test) printf '{"ServerURL":"empty.test","Username":"","Secret":""}' ;;
        nouser.test) printf '{"ServerURL":"nouser.test","Secret":"x"}' ;;
        fail.test) echo "keychain is locked" >&2; exit 3 ;;
        leak.test) printf '{"Username":"alice","Secret":"%s"' "$HELPER_SECRET"; exit 2 ;;
        garbage.test) printf 'user=bob password=%s' "$HELPER_SECRET" ;;
        huge.test) head -c 200000 /dev/zero | tr '\\0' 'a' ;;
        slow.test) sleep 30 ;;
        *) echo "credentials not found in native keychain"; exit 1 ;;
      esac
      """;

  private static final String OTHER_HELPER =
      """
      #!/bin/sh
      cat > /dev/null
      printf '{"ServerURL":"x","Username":"other","Secret":"otherpw"}'
      """;

  @TempDir Path tmp;
  private Map<String, String> env;
  private Path log;

  @BeforeEach
  void helpers() throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    script(bin.resolve("docker-credential-test"), TEST_HELPER);
    script(bin.resolve("docker-credential-other"), OTHER_HELPER);
    log = tmp.resolve("helper.log");
    env =
        Map.of(
            "PATH", bin + ":/usr/bin:/bin", "HELPER_LOG", log.toString(), "HELPER_SECRET", SECRET);
  }

  private static void script(Path file, String text) throws Exception {
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private Path config(String json) throws Exception {
    Path p = tmp.resolve("config.json");
    Files.writeString(p, json);
    return p;
  }

  private RegistryCredentials get(String configJson, String registry) throws Exception {
    return RegistryCredentials.fromDockerConfig(
        config(configJson), registry, CredentialHelper.of(env));
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void credsStore_helperAnswer_isBasicAndSpeaksTheProtocol() throws Exception {
    RegistryCredentials c = get("{\"credsStore\":\"test\"}", "reg.test:5000");

    assertThat(c.basicHeader()).isEqualTo(basic("alice", SECRET));
    assertThat(c.toString()).contains("alice").doesNotContain(SECRET);
    // argument "get", and the server URL on stdin without a newline, as the docker CLI sends it
    assertThat(log).hasContent("get|reg.test:5000");
  }

  @Test
  void tokenUser_isAnIdentityToken() throws Exception {
    RegistryCredentials c = get("{\"credsStore\":\"test\"}", "token.test");

    assertThat(c.identityToken()).isEqualTo("idt-" + SECRET);
    assertThat(c.basicHeader()).isNull();
  }

  @Test
  void dockerHub_isAskedForByItsIndexUrl() throws Exception {
    RegistryCredentials c = get("{\"credsStore\":\"test\"}", "docker.io");

    assertThat(c.basicHeader()).isEqualTo(basic("hubuser", "hubpw"));
    assertThat(log).hasContent("get|https://index.docker.io/v1/");
  }

  @Test
  void precedence_credHelpersThenCredsStoreThenAuths() throws Exception {
    String auth =
        Base64.getEncoder().encodeToString("fromfile:pw".getBytes(StandardCharsets.UTF_8));
    String both =
        "{\"auths\":{\"reg.test:5000\":{\"auth\":\""
            + auth
            + "\"}},\"credsStore\":\"test\",\"credHelpers\":{\"reg.test:5000\":\"other\"}}";
    String storeAndAuths =
        "{\"auths\":{\"reg.test:5000\":{\"auth\":\"" + auth + "\"}},\"credsStore\":\"test\"}";
    String onlyAuths = "{\"auths\":{\"reg.test:5000\":{\"auth\":\"" + auth + "\"}}}";

    assertThat(get(both, "reg.test:5000").basicHeader()).isEqualTo(basic("other", "otherpw"));
    assertThat(get(both, "elsewhere.test").isAnonymous()).as("store has nothing").isTrue();
    assertThat(get(storeAndAuths, "reg.test:5000").basicHeader()).isEqualTo(basic("alice", SECRET));
    assertThat(get(onlyAuths, "reg.test:5000").basicHeader()).isEqualTo(basic("fromfile", "pw"));
    assertThat(RegistryCredentials.fromDockerConfig(config(both), "reg.test:5000").basicHeader())
        .as("without a helper runner, auths only")
        .isEqualTo(basic("fromfile", "pw"));
  }

  @Test
  void notFoundOrEmptyAnswer_isAnonymous() throws Exception {
    String auth =
        Base64.getEncoder().encodeToString("fromfile:pw".getBytes(StandardCharsets.UTF_8));
    String json =
        "{\"auths\":{\"unknown.test\":{\"auth\":\"" + auth + "\"}},\"credsStore\":\"test\"}";

    // As the docker CLI: with a credsStore, its answer counts, not the auths entry.
    assertThat(get(json, "unknown.test").isAnonymous()).isTrue();
    assertThat(get(json, "empty.test").isAnonymous()).isTrue();
  }

  @Test
  void missingHelper_isClearError() {
    assertThatThrownBy(() -> get("{\"credsStore\":\"desktop\"}", "reg.test:5000"))
        .isInstanceOf(CredentialHelperException.class)
        .hasMessageContaining("docker-credential-desktop is not on PATH")
        .hasMessageContaining(tmp.resolve("bin").toString());
    assertThatThrownBy(
            () ->
                new CredentialHelper(Map.of(), Duration.ofSeconds(5)).get("test", "reg.test:5000"))
        .hasMessageContaining("PATH is empty");
  }

  @Test
  void badHelperName_isRefusedBeforeAnyLookup() {
    assertThatThrownBy(() -> get("{\"credsStore\":\"../../bin/sh\"}", "reg.test:5000"))
        .isInstanceOf(CredentialHelperException.class)
        .hasMessageContaining("not a valid credential helper name");
  }

  @Test
  void failingHelper_reportsStatusAndStderr() {
    assertThatThrownBy(() -> get("{\"credsStore\":\"test\"}", "fail.test"))
        .isInstanceOf(CredentialHelperException.class)
        .hasMessageContaining("docker-credential-test get (for fail.test)")
        .hasMessageContaining("status 3")
        .hasMessageContaining("keychain is locked");
  }

  @Test
  void unexpectedAnswer_isRefusedWithoutQuotingTheSecret() {
    assertThatThrownBy(() -> get("{\"credsStore\":\"test\"}", "garbage.test"))
        .isInstanceOf(CredentialHelperException.class)
        .hasMessageContaining("not the JSON object")
        .hasNoCause()
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    assertThatThrownBy(() -> get("{\"credsStore\":\"test\"}", "nouser.test"))
        .hasMessageContaining("without a Username");
  }

  @Test
  void hugeAnswer_isRefused() {
    assertThatThrownBy(() -> get("{\"credsStore\":\"test\"}", "huge.test"))
        .isInstanceOf(CredentialHelperException.class)
        .hasMessageContaining("more than " + CredentialHelper.MAX_OUTPUT_BYTES + " bytes");
  }

  @Test
  void hangingHelper_isStoppedAtTheTimeout() throws Exception {
    CredentialHelper quick = new CredentialHelper(env, Duration.ofMillis(500));

    assertThatThrownBy(() -> quick.get("test", "slow.test"))
        .isInstanceOf(CredentialHelperException.class)
        .hasMessageContaining("did not answer within");
    assertThatThrownBy(() -> new CredentialHelper(env, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void dockerConfigFile_followsDockerConfigThenHome() {
    assertThat(RegistryCredentials.dockerConfigFile(Map.of("DOCKER_CONFIG", "/d", "HOME", "/h")))
        .contains(Path.of("/d/config.json"));
    assertThat(RegistryCredentials.dockerConfigFile(Map.of("HOME", "/h")))
        .contains(Path.of("/h/.docker/config.json"));
    assertThat(RegistryCredentials.dockerConfigFile(Map.of())).isEmpty();
  }

  @Test
  void failingHelperWithoutStderr_neverEchoesItsStdout() {
    assertThatThrownBy(() -> get("{\"credsStore\":\"test\"}", "leak.test"))
        .isInstanceOf(CredentialHelperException.class)
        .hasMessageContaining("status 2")
        .hasMessageContaining("bytes on stdout")
        .hasMessageNotContaining(SECRET)
        .hasMessageNotContaining("alice");
  }
}
