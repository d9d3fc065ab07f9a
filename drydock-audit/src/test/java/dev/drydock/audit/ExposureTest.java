package dev.drydock.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExposureTest {
  @Test
  void readsPrivilegeNamespacesPortsMountsAndCapabilities() {
    Exposure x =
        Exposure.of(
            new Fixtures.Container("x", 'a')
                .privileged()
                .hostPid()
                .cap("CAP_SYS_ADMIN")
                .cap("CHOWN")
                .bind("/var/run/docker.sock", "/var/run/docker.sock", true)
                .bind("/etc/", "/host/etc", false)
                .bind("/srv/data", "/data", true)
                .port("443/tcp", "127.0.0.1", "8443")
                .build());
    assertThat(x.privileged()).isTrue();
    assertThat(x.hostNamespaces()).containsExactly("pid");
    assertThat(x.addedCapabilities()).containsExactly("SYS_ADMIN");
    assertThat(x.dockerSocket()).isTrue();
    assertThat(x.sensitiveMounts()).containsExactly("/etc/->/host/etc (ro)");
    assertThat(x.publishedPorts()).containsExactly("127.0.0.1:8443->443/tcp");
    assertThat(x.publicPort()).isFalse();
  }

  @Test
  void sensitivePaths_includeSubdirectoriesOfSystemDirectories_notOfRun() {
    assertThat(Exposure.isSensitive("/")).isTrue();
    assertThat(Exposure.isSensitive("/etc/ssl")).isTrue();
    assertThat(Exposure.isSensitive("/var/lib/docker/volumes")).isTrue();
    assertThat(Exposure.isSensitive("/run")).isTrue();
    assertThat(Exposure.isSensitive("/run/user/1000")).isFalse();
    assertThat(Exposure.isSensitive("/srv")).isFalse();
    assertThat(Exposure.isSensitive("/etcetera")).isFalse();
  }
}
