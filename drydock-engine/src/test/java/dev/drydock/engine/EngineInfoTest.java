package dev.drydock.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EngineInfoTest {
  @Test
  void hasSecurityOption_readsOldAndNewForms() {
    EngineInfo info = info(List.of("apparmor", "name=seccomp,profile=default", "name=userns"));

    assertThat(info.hasSecurityOption("apparmor")).isTrue();
    assertThat(info.hasSecurityOption("seccomp")).isTrue();
    assertThat(info.usernsRemap()).isTrue();
    assertThat(info.rootless()).isFalse();
    assertThat(info.hasSecurityOption("sec")).isFalse();
  }

  @Test
  void create_negativeCount_throws() {
    assertThatThrownBy(
            () ->
                new EngineInfo(
                    "",
                    "",
                    "",
                    -1,
                    0,
                    0,
                    0,
                    0,
                    "",
                    "",
                    "",
                    "",
                    List.of(),
                    "",
                    "",
                    "",
                    "",
                    "",
                    false,
                    false,
                    "",
                    List.of(),
                    List.of(),
                    List.of(),
                    EngineInfo.Swarm.inactive()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static EngineInfo info(List<String> securityOptions) {
    return new EngineInfo(
        "id",
        "n",
        "v",
        0,
        0,
        0,
        0,
        0,
        "overlay2",
        "json-file",
        "cgroupfs",
        "1",
        securityOptions,
        "/var/lib/docker",
        "k",
        "os",
        "linux",
        "x86_64",
        false,
        false,
        "runc",
        List.of(),
        List.of(),
        List.of(),
        EngineInfo.Swarm.inactive());
  }
}
