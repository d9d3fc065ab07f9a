package dev.drydock.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads the real Debian host ({@code /}) and checks the result against dpkg and apt themselves:
 * {@code dpkg-query}, {@code dpkg -L}, {@code apt list --upgradable} and the shell's reading of
 * os-release.
 */
class HostPackagesIT {
  private static final Path ROOT = Path.of("/");
  private static PackageInventory inventory;

  @BeforeAll
  static void read() throws Exception {
    assumeThat(Files.isRegularFile(ROOT.resolve("var/lib/dpkg/status")))
        .as("needs a Debian host")
        .isTrue();
    inventory = PackageDatabases.read(ROOT);
  }

  @Test
  void packages_matchDpkgQuery() throws Exception {
    Set<String> expected = new HashSet<>();
    for (String line :
        run(
            "dpkg-query",
            "-W",
            "-f",
            "${db:Status-Status} ${Package}:${Architecture} ${Version}\\n")) {
      String[] f = line.split(" ", 2);
      if (f[0].equals("installed")) {
        expected.add(f[1]);
      }
    }
    Set<String> actual =
        inventory.packages().stream()
            .map(p -> p.name() + ":" + p.architecture() + " " + p.version())
            .collect(Collectors.toSet());
    assertThat(inventory.packages()).hasSize(expected.size());
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void sources_matchDpkgQuery() throws Exception {
    Map<String, String> expected = new HashMap<>();
    for (String line :
        run(
            "dpkg-query",
            "-W",
            "-f",
            "${db:Status-Status} ${Package}:${Architecture} ${source:Package} ${source:Version}\\n")) {
      String[] f = line.split(" ", 3);
      if (f[0].equals("installed")) {
        expected.put(f[1], f[2]);
      }
    }
    for (InstalledPackage p : inventory.packages()) {
      assertThat(p.sourceName() + " " + p.sourceVersion())
          .as(p.name())
          .isEqualTo(expected.get(p.name() + ":" + p.architecture()));
    }
  }

  @Test
  void ownedFiles_matchDpkgL() throws Exception {
    InstalledPackage dpkg =
        inventory.packages().stream()
            .filter(p -> p.name().equals("dpkg"))
            .findFirst()
            .orElseThrow();
    List<String> expected =
        run("dpkg", "-L", "dpkg").stream()
            .filter(l -> l.startsWith("/") && !l.equals("/."))
            .toList();
    assertThat(dpkg.files()).containsExactlyElementsOf(expected);
  }

  @Test
  void osRelease_matchesShell() throws Exception {
    List<String> shell =
        run(
            "sh",
            "-c",
            ". /etc/os-release; printf '%s\\n' \"$ID\" \"$VERSION_ID\" \"$PRETTY_NAME\"");
    OsRelease os = inventory.osRelease().orElseThrow();
    assertThat(List.of(os.id(), os.versionId(), os.prettyName())).isEqualTo(shell);
    assertThat(inventory.ecosystem()).isEqualTo("Debian:" + shell.get(1));
  }

  @Test
  void pendingUpgrades_matchAptListUpgradable() throws Exception {
    UpgradeCheck check = PendingUpgrades.check(inventory);
    Set<String> expected = new HashSet<>();
    Set<String> security = new HashSet<>();
    // "apt/oldstable-security 2.6.2 amd64 [upgradable from: 2.6.1]"
    for (String line : run("apt", "list", "--upgradable")) {
      if (!line.contains("[upgradable from:")) {
        continue;
      }
      String[] f = line.split(" ", -1);
      String name = f[0].substring(0, f[0].indexOf('/'));
      expected.add(name + " " + f[1]);
      if (f[0].contains("-security")) {
        security.add(name);
      }
    }
    Set<String> actual =
        check.upgrades().stream()
            .map(u -> u.installed().name() + " " + u.candidate())
            .collect(Collectors.toSet());
    assertThat(actual).isEqualTo(expected);
    Set<String> ours =
        check.upgrades().stream()
            .filter(PendingUpgrade::security)
            .map(u -> u.installed().name())
            .collect(Collectors.toSet());
    assertThat(ours).containsAll(security);
  }

  private static List<String> run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", command) + " failed");
    }
    return new String(out, StandardCharsets.UTF_8).lines().toList();
  }
}
