package dev.drydock.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DebianMirrorTest {
  @TempDir Path apt;

  @Test
  void fromOneLine_skipsOtherSuitesCommentsAndOptions() {
    String text =
        """
        # deb http://commented.example/debian bookworm main
        deb http://security.debian.org/debian-security bookworm-security main
        deb [arch=amd64 signed-by=/k.gpg] http://mirror.example/debian/ bookworm main contrib
        """;

    assertThat(DebianMirror.fromOneLine(text, "bookworm")).contains("http://mirror.example/debian");
    assertThat(DebianMirror.fromOneLine(text, "trixie")).isEmpty();
  }

  @Test
  void fromDeb822_picksStanzaWithSuite() {
    String text =
        """
        Types: deb
        URIs: http://deb.debian.org/debian-security
        Suites: bookworm-security

        Types: deb deb-src
        # a comment
        URIs: http://deb.debian.org/debian
        Suites: bookworm bookworm-updates
        Components: main
        """;

    assertThat(DebianMirror.fromDeb822(text, "bookworm")).contains("http://deb.debian.org/debian");
    assertThat(DebianMirror.fromDeb822(text, "bullseye")).isEmpty();
  }

  @Test
  void find_readsListAndSourcesFiles() throws Exception {
    Files.writeString(apt.resolve("sources.list"), "deb http://one.example/debian bullseye main\n");
    Files.createDirectories(apt.resolve("sources.list.d"));
    Files.writeString(
        apt.resolve("sources.list.d/debian.sources"),
        "Types: deb\nURIs: http://two.example/debian\nSuites: bookworm\n");
    Files.writeString(apt.resolve("sources.list.d/ignored.txt"), "deb http://x bookworm main\n");

    assertThat(DebianMirror.find(apt, "bookworm")).contains("http://two.example/debian");
    assertThat(DebianMirror.find(apt, "bullseye")).contains("http://one.example/debian");
    assertThat(DebianMirror.find(apt, "sid")).isEmpty();
  }

  @Test
  void find_thisMachine_hasBookwormMirror() throws Exception {
    assertThat(DebianMirror.find(Path.of("/etc/apt"), "bookworm")).isPresent();
  }
}
