package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code drydock host} run in-process against small root trees. Until the lead registers the
 * command in {@link Drydock}, {@link #run} adds it to the root command the way {@link Drydock#run}
 * builds it.
 */
class HostCommandTest {
  @TempDir Path home;
  @TempDir Path root;

  @Test
  void patchStatus_table_failOnHigh() throws Exception {
    debianTree(root);
    CliRun r =
        run("host", "--root", root.toString(), "--kernel", "6.1.0-28-amd64", "--fail-on", "high");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
    assertThat(r.out()).contains("host-pending-upgrade").contains("deb:openssl 3.0.11-1~deb12u1");
    assertThat(r.out()).doesNotContain("host-os"); // passing results only with --all
    CliRun all = run("host", "--root", root.toString(), "--all");
    assertThat(all.exitCode()).isZero();
    assertThat(all.out()).contains("host-os").contains("Debian GNU/Linux 12 (bookworm)");
  }

  @Test
  void patchStatus_json() throws Exception {
    debianTree(root);
    CliRun r = run("host", "--root", root.toString(), "--format", "json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.toString())
        .contains("\"host\"")
        .contains("candidate 3.0.15-1~deb12u1 from bookworm-security (security)")
        .contains("host-reboot-required");
  }

  @Test
  void packages_tableAndJson() throws Exception {
    debianTree(root);
    CliRun table = run("host", "--root", root.toString(), "--packages");
    assertThat(table.exitCode()).as(table.err()).isZero();
    assertThat(table.out())
        .startsWith("Debian GNU/Linux 12 (bookworm), 2 packages, OSV ecosystem Debian:12")
        .contains("deb  openssl")
        .contains("libc6")
        .contains("glibc");
    CliRun json = run("host", "--root", root.toString(), "--packages", "--format", "json");
    JsonNode doc = new ObjectMapper().readTree(json.out());
    assertThat(doc.get("ecosystem").asText()).isEqualTo("Debian:12");
    assertThat(doc.get("os").get("versionCodename").asText()).isEqualTo("bookworm");
    assertThat(doc.get("packages")).hasSize(2);
    JsonNode libc = doc.get("packages").get(1);
    assertThat(libc.get("sourceName").asText()).isEqualTo("glibc");
    assertThat(libc.get("ecosystem").asText()).isEqualTo("Debian:12");
  }

  @Test
  void packages_toFile() throws Exception {
    debianTree(root);
    Path out = home.resolve("pkgs.json");
    CliRun r =
        run(
            "host",
            "--root",
            root.toString(),
            "--packages",
            "--format",
            "json",
            "-o",
            out.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.err()).contains("wrote " + out);
    assertThat(Files.readString(out)).contains("\"openssl\"");
  }

  @Test
  void packages_sarifIsUsageError() throws Exception {
    debianTree(root);
    CliRun r = run("host", "--root", root.toString(), "--packages", "--format", "sarif");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--packages prints table or json");
  }

  @Test
  void malformedDatabase_exit3NamesFile() throws Exception {
    debianTree(root);
    Path status = root.resolve("var/lib/dpkg/status");
    Files.writeString(status, "garbage line\n");
    CliRun r = run("host", "--root", root.toString());
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains(status.toString()).contains("line 1");
  }

  @Test
  void missingRoot_exit3() {
    CliRun r = run("host", "--root", root.resolve("absent").toString());
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("not a directory");
  }

  @Test
  void realHost_runs() {
    // The host's own root and running kernel (from /proc); a Debian host has packages.
    CliRun r = run("host", "--packages");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("packages, OSV ecosystem");
  }

  private CliRun run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context =
        new CliContext(
            Map.of(),
            Clock.systemUTC(),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            home,
            false);
    Drydock rootCommand = new Drydock(context);
    CommandLine cl = new CommandLine(rootCommand, new CommandFactory(context));
    if (!cl.getSubcommands().containsKey("host")) {
      cl.addSubcommand("host", new CommandLine(new HostCommand(), new CommandFactory(context)));
    }
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> Errors.report(ex, context.err(), rootCommand.debug()));
    cl.setParameterExceptionHandler((ex, arguments) -> Errors.usage(ex, context.err()));
    cl.setOut(context.out());
    cl.setErr(context.err());
    int code = cl.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** Debian 12 with openssl (security upgrade pending) and libc6 (source glibc). */
  static void debianTree(Path root) throws IOException {
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(
        root.resolve("etc/os-release"),
        "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n");
    Files.createDirectories(root.resolve("var/lib/dpkg"));
    Files.writeString(
        root.resolve("var/lib/dpkg/status"),
        """
        Package: openssl
        Status: install ok installed
        Architecture: amd64
        Version: 3.0.11-1~deb12u1

        Package: libc6
        Status: install ok installed
        Architecture: amd64
        Source: glibc
        Version: 2.36-9+deb12u14
        """);
    Path lists = Files.createDirectories(root.resolve("var/lib/apt/lists"));
    Files.writeString(
        lists.resolve("deb.debian.org_debian-security_dists_bookworm-security_InRelease"),
        "Origin: Debian\nLabel: Debian-Security\nCodename: bookworm-security\n");
    Files.writeString(
        lists.resolve(
            "deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages"),
        "Package: openssl\nVersion: 3.0.15-1~deb12u1\nArchitecture: amd64\n");
  }
}
