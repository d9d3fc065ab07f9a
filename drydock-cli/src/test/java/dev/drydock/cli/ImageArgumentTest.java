package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.cli.ImageArgument.Kind;
import dev.drydock.report.FailOn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageArgumentTest {
  @TempDir Path dir;
  private final List<String> asked = new ArrayList<>();

  private ImageArgument classify(String arg, Set<String> daemonImages) {
    return ImageArgument.classify(
        arg,
        null,
        name -> {
          asked.add(name);
          return daemonImages.contains(name);
        });
  }

  @Test
  void filesAndDirectories_areArchivesAndLayouts() throws Exception {
    Path tar = Files.createFile(dir.resolve("app.tar"));
    Path layout = Files.createDirectory(dir.resolve("localhost:5000"));

    assertThat(classify(tar.toString(), Set.of()))
        .isEqualTo(new ImageArgument(Kind.ARCHIVE, tar.toString()));
    assertThat(classify(layout.toString(), Set.of()).kind()).isEqualTo(Kind.LAYOUT);
    assertThat(asked).as("the daemon is not asked about paths").isEmpty();
  }

  @Test
  void registryHosts_areRegistries_unlessTheDaemonHasThatImage() {
    for (String name :
        List.of(
            "127.0.0.1:5000/team/app:1",
            "localhost/app",
            "registry.example/app@sha256:" + "a".repeat(64),
            "[::1]:5000/app:1")) {
      assertThat(classify(name, Set.of()))
          .as(name)
          .isEqualTo(new ImageArgument(Kind.REGISTRY, name));
    }
    assertThat(classify("registry.example/app:1", Set.of("registry.example/app:1")).kind())
        .as("pulled before: scanned as pulled")
        .isEqualTo(Kind.DAEMON);
  }

  @Test
  void plainNames_areDaemonImages_withoutAskingTheDaemon() {
    for (String name : List.of("debian:12", "app", "team/app:1", "sha256:" + "b".repeat(64))) {
      assertThat(classify(name, Set.of()).kind()).as(name).isEqualTo(Kind.DAEMON);
    }
    assertThat(classify("./missing.tar", Set.of()).kind())
        .as("a relative path that does not exist is not a registry")
        .isEqualTo(Kind.DAEMON);
    assertThat(asked).isEmpty();
  }

  @Test
  void prefixes_meanRegistry_andSourceForcesTheKind() {
    assertThat(classify("docker://debian:12", Set.of()))
        .isEqualTo(new ImageArgument(Kind.REGISTRY, "debian:12"));
    assertThat(classify("registry://127.0.0.1:5000/a:1", Set.of()))
        .isEqualTo(new ImageArgument(Kind.REGISTRY, "127.0.0.1:5000/a:1"));
    assertThat(ImageArgument.classify("127.0.0.1:5000/a:1", Kind.DAEMON, n -> false))
        .isEqualTo(new ImageArgument(Kind.DAEMON, "127.0.0.1:5000/a:1"));
    assertThat(ImageArgument.classify("docker://x/a:1", Kind.ARCHIVE, n -> false))
        .isEqualTo(new ImageArgument(Kind.ARCHIVE, "x/a:1"));
  }

  @Test
  void sourceNames_parse_andUnknownOrEmptyIsAUsageError() {
    assertThat(Kind.parse("Daemon")).isEqualTo(Kind.DAEMON);
    assertThat(Kind.parse("registry")).isEqualTo(Kind.REGISTRY);
    assertThat(Kind.parse("docker-archive")).isEqualTo(Kind.ARCHIVE);
    assertThat(Kind.parse("oci")).isEqualTo(Kind.LAYOUT);
    assertThatThrownBy(() -> Kind.parse("ftp"))
        .isInstanceOfSatisfying(
            CliException.class, e -> assertThat(e.exitCode()).isEqualTo(FailOn.EXIT_USAGE))
        .hasMessageContaining("daemon, registry, archive or layout");
    assertThatThrownBy(() -> classify(" ", Set.of())).hasMessageContaining("Name an image");
  }

  @Test
  void loopback_isLocalhostOrALoopbackLiteral_neverAResolvedName() {
    assertThat(RegistryInput.isLoopback("localhost:5000")).isTrue();
    assertThat(RegistryInput.isLoopback("127.0.0.1:5000")).isTrue();
    assertThat(RegistryInput.isLoopback("127.9.8.7")).isTrue();
    assertThat(RegistryInput.isLoopback("[::1]:5000")).isTrue();
    assertThat(RegistryInput.isLoopback("10.0.0.1:5000")).isFalse();
    assertThat(RegistryInput.isLoopback("localhost.evil.example:5000")).isFalse();
    assertThat(RegistryInput.isLoopback("127.0.0.1.nip.io")).isFalse();
    assertThat(RegistryInput.isLoopback("[::1")).isFalse();
    assertThat(RegistryInput.isLoopback("[fe80::1]:5000")).isFalse();
    assertThat(RegistryInput.isLoopback("999.0.0.1:5000")).isFalse();
  }
}
