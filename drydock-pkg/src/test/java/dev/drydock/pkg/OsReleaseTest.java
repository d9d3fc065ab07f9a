package dev.drydock.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OsReleaseTest {
  private static final Path FILE = Path.of("os-release");

  @TempDir Path tmp;

  @Test
  void debianFixture() throws Exception {
    OsRelease os = OsRelease.read(Fixtures.rootfs("debian-12.15-minbase")).orElseThrow();
    assertThat(os.id()).isEqualTo("debian");
    assertThat(os.versionId()).isEqualTo("12");
    assertThat(os.versionCodename()).isEqualTo("bookworm");
    assertThat(os.prettyName()).isEqualTo("Debian GNU/Linux 12 (bookworm)");
    assertThat(os.osvEcosystem()).isEqualTo("Debian:12");
    assertThat(os.fields()).containsEntry("HOME_URL", "https://www.debian.org/");
  }

  @Test
  void alpineFixture_usesBranch() throws Exception {
    OsRelease os = OsRelease.read(Fixtures.rootfs("alpine-3.10.4")).orElseThrow();
    assertThat(os.versionId()).isEqualTo("3.10.4");
    assertThat(os.versionCodename()).isEmpty();
    assertThat(os.osvEcosystem()).isEqualTo("Alpine:v3.10");
  }

  @Test
  void shellQuoting() throws Exception {
    OsRelease os =
        OsRelease.parse(
            """
            # comment
            ID='ubuntu'
            VERSION="22.04.4 LTS (Jammy \\"Jellyfish\\")"
            VERSION_ID=22.04
            ID_LIKE="debian other"
            NAME=Ubu\\ ntu
            ESCAPES="a\\$b \\\\ \\n"

            PRETTY_NAME='it''s'
            """,
            FILE);
    assertThat(os.id()).isEqualTo("ubuntu");
    assertThat(os.fields().get("VERSION")).isEqualTo("22.04.4 LTS (Jammy \"Jellyfish\")");
    assertThat(os.idLike()).containsExactly("debian", "other");
    assertThat(os.isLike("debian")).isTrue();
    assertThat(os.isLike("fedora")).isFalse();
    assertThat(os.fields().get("NAME")).isEqualTo("Ubu ntu");
    assertThat(os.fields().get("ESCAPES")).isEqualTo("a$b \\ \\n");
    assertThat(os.prettyName()).isEqualTo("its");
    assertThat(os.osvEcosystem()).isEqualTo("Ubuntu:22.04:LTS");
  }

  @Test
  void ecosystems_perDistribution() throws Exception {
    assertThat(eco("ID=rhel\nVERSION_ID=9.4\n")).isEqualTo("Red Hat");
    assertThat(eco("ID=almalinux\nVERSION_ID=9.4\n")).isEqualTo("AlmaLinux:9");
    assertThat(eco("ID=rocky\nVERSION_ID=8.10\n")).isEqualTo("Rocky Linux:8");
    assertThat(eco("ID=wolfi\nVERSION_ID=20230201\n")).isEqualTo("Wolfi");
    assertThat(eco("ID=photon\nVERSION_ID=5.0\n")).isEqualTo("Photon OS:5.0");
    assertThat(eco("ID=sles\nPRETTY_NAME=\"SUSE Linux Enterprise Server 15 SP5\"\n"))
        .isEqualTo("SUSE:SUSE Linux Enterprise Server 15 SP5");
    assertThat(eco("ID=ubuntu\nVERSION_ID=23.10\nVERSION=\"23.10 (Mantic)\"\n"))
        .isEqualTo("Ubuntu:23.10");
    assertThat(eco("ID=debian\n")).isEqualTo("Debian");
    assertThat(eco("ID=raspbian\nID_LIKE=debian\nVERSION_ID=12\n")).isEqualTo("Debian");
    assertThat(eco("ID=nixos\n")).isEqualTo("Nixos");
    assertThat(eco("NAME=x\n")).isEqualTo("Linux");
    assertThat(eco("ID=alpine\nVERSION_ID=edge\n")).isEqualTo("Alpine");
  }

  @Test
  void fallsBackToUsrLib() throws Exception {
    Path lib = Files.createDirectories(tmp.resolve("usr/lib"));
    Files.writeString(lib.resolve("os-release"), "ID=fedora\nVERSION_ID=40\n");
    assertThat(OsRelease.read(tmp).orElseThrow().id()).isEqualTo("fedora");
  }

  @Test
  void absent_isEmpty() throws Exception {
    assertThat(OsRelease.read(tmp)).isEmpty();
  }

  @Test
  void malformed_namesLine() {
    assertThatThrownBy(() -> OsRelease.parse("ID=debian\nnot an assignment\n", FILE))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("line 2");
    assertThatThrownBy(() -> OsRelease.parse("ID=\"debian\n", FILE))
        .hasMessageContaining("unterminated");
    assertThatThrownBy(() -> OsRelease.parse("ID=a b\n", FILE)).hasMessageContaining("white space");
    assertThatThrownBy(() -> OsRelease.parse("ID=a\\", FILE)).hasMessageContaining("backslash");
    assertThatThrownBy(() -> OsRelease.parse("1D=a", FILE)).hasMessageContaining("KEY=value");
  }

  private static String eco(String text) throws PackageDatabaseException {
    return OsRelease.parse(text, FILE).osvEcosystem();
  }
}
