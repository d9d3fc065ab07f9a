package dev.drydock.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryCredentialsTest {
  @TempDir Path tmp;

  private Path config(String json) throws Exception {
    Path p = tmp.resolve("config.json");
    Files.writeString(p, json);
    return p;
  }

  @Test
  void dockerConfig_authEntry_isBasicAndNeverPrintsPassword() throws Exception {
    String auth =
        Base64.getEncoder().encodeToString("bob:s3cr:et".getBytes(StandardCharsets.UTF_8));
    RegistryCredentials c =
        RegistryCredentials.fromDockerConfig(
            config("{\"auths\":{\"reg.test:5000\":{\"auth\":\"" + auth + "\"}}}"), "reg.test:5000");

    assertThat(c.basicHeader()).isEqualTo("Basic " + auth);
    assertThat(c).hasToString("RegistryCredentials[user=bob]");
    assertThat(c.toString()).doesNotContain("s3cr");
  }

  @Test
  void dockerConfig_identityTokenAndDockerHubKey() throws Exception {
    RegistryCredentials c =
        RegistryCredentials.fromDockerConfig(
            config(
                "{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"\",\"identitytoken\":\"idt\"}}}"),
            "docker.io");

    assertThat(c.identityToken()).isEqualTo("idt");
    assertThat(c.basicHeader()).isNull();
    assertThat(c.toString()).doesNotContain("idt");
  }

  @Test
  void dockerConfig_missingFileOrEntry_isAnonymous() throws Exception {
    assertThat(RegistryCredentials.fromDockerConfig(tmp.resolve("none.json"), "x.io").isAnonymous())
        .isTrue();
    assertThat(
            RegistryCredentials.fromDockerConfig(config("{\"credsStore\":\"desktop\"}"), "x.io")
                .isAnonymous())
        .isTrue();
    assertThat(
            RegistryCredentials.fromDockerConfig(config("{\"auths\":{\"y.io\":{}}}"), "x.io")
                .isAnonymous())
        .isTrue();
  }

  @Test
  void dockerConfig_badAuth_isMalformed() throws Exception {
    assertThatThrownBy(
            () ->
                RegistryCredentials.fromDockerConfig(
                    config("{\"auths\":{\"x.io\":{\"auth\":\"%%%\"}}}"), "x.io"))
        .isInstanceOf(MalformedContentException.class)
        .hasMessageContaining("base64");
    String noColon = Base64.getEncoder().encodeToString("nocolon".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(
            () ->
                RegistryCredentials.fromDockerConfig(
                    config("{\"auths\":{\"x.io\":{\"auth\":\"" + noColon + "\"}}}"), "x.io"))
        .hasMessageContaining("user:password");
  }

  @Test
  void trusting_loadsPemAndRejectsEmpty() throws Exception {
    Path empty = tmp.resolve("empty.pem");
    Files.writeString(empty, "");
    assertThatThrownBy(() -> RegistryClient.trusting(empty)).isInstanceOf(OciException.class);
    assertThatThrownBy(() -> RegistryClient.trusting(tmp.resolve("missing.pem")))
        .hasMessageContaining("Cannot load");
  }
}
