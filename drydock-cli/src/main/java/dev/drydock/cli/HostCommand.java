package dev.drydock.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.bench.BenchException;
import dev.drydock.bench.HostPatchStatus;
import dev.drydock.model.Report;
import dev.drydock.pkg.InstalledPackage;
import dev.drydock.pkg.PackageInventory;
import dev.drydock.report.FailOn;
import dev.drydock.report.Printable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code drydock host}: patch status of the host's OS packages, or their list. */
@Command(
    name = "host",
    mixinStandardHelpOptions = true,
    description = {
      "Host patch status: the OS release, the installed OS packages (dpkg, apk, rpm SQLite"
          + " database), the upgrades the local package indices offer (apt lists, apk index"
          + " cache; security suites marked high), and whether a reboot is required (flag file,"
          + " or a running kernel older than the newest installed one).",
      "Reads the local indices only: run 'apt-get update' or 'apk update' first for a current"
          + " answer."
    },
    footer = {
      "",
      "Examples:",
      "  drydock host                                   patch status of this host",
      "  drydock host --fail-on high                    CI gate: exit 1 on pending security upgrades",
      "  drydock host --root /mnt/image --packages      list the packages of an extracted rootfs",
      "  drydock host --packages --format json -o packages.json"
    })
final class HostCommand implements Callable<Integer> {
  private static final Path PROC_OSRELEASE = Path.of("/proc/sys/kernel/osrelease");

  @Mixin GlobalOptions global = new GlobalOptions();
  @Mixin ReportOptions report = new ReportOptions();

  @Option(
      names = "--root",
      paramLabel = "DIR",
      defaultValue = "/",
      description = "Read the root filesystem below DIR instead of / (default: ${DEFAULT-VALUE}).")
  Path root = Path.of("/");

  @Option(
      names = "--kernel",
      paramLabel = "RELEASE",
      description =
          "The running kernel release as 'uname -r' prints it (default: this host's, when --root"
              + " is /; otherwise unknown).")
  @Nullable String kernel;

  @Option(
      names = "--packages",
      description = "List the installed packages (table or json) instead of the patch status.")
  boolean packages;

  @Override
  public Integer call() throws BenchException, IOException {
    Drydock rootCommand = global.root();
    CliContext context = rootCommand.context();
    if (packages) {
      return listPackages(HostPatchStatus.packages(root), rootCommand);
    }
    Report result =
        HostPatchStatus.run(root, runningKernel(), VersionInfo.load().version(), context.clock());
    return ReportOutput.emit(result, report, rootCommand);
  }

  /** The running kernel matters only for the host itself, not for another root. */
  private @Nullable String runningKernel() throws IOException {
    if (kernel != null) {
      return kernel;
    }
    if (Files.isDirectory(root)
        && Files.isSameFile(root, Path.of("/"))
        && Files.isReadable(PROC_OSRELEASE)) {
      return Files.readString(PROC_OSRELEASE, StandardCharsets.UTF_8).strip();
    }
    return null;
  }

  private int listPackages(PackageInventory inventory, Drydock rootCommand) throws IOException {
    String text =
        switch (report.format) {
          case JSON -> json(inventory) + "\n";
          case TABLE -> table(inventory);
          case SARIF, JUNIT ->
              throw new CliException(
                  "--packages prints table or json; drop --format "
                      + report.format.name().toLowerCase(Locale.ROOT)
                      + " or --packages.",
                  FailOn.EXIT_USAGE);
        };
    Path target = report.output;
    if (target == null || target.toString().equals("-")) {
      rootCommand.context().out().print(text);
      rootCommand.context().out().flush();
    } else {
      ReportOutput.write(target, text);
      if (!rootCommand.quiet()) {
        rootCommand.context().err().println("drydock: wrote " + target);
      }
    }
    return 0;
  }

  static String table(PackageInventory inventory) {
    StringWriter buffer = new StringWriter();
    PrintWriter out = new PrintWriter(buffer);
    out.printf(
        Locale.ROOT,
        "%s, %d packages, OSV ecosystem %s%n",
        Printable.clean(
            inventory.osRelease().map(os -> os.prettyName()).orElse("unknown OS (no os-release)")),
        inventory.packages().size(),
        Printable.clean(inventory.ecosystem()));
    if (inventory.packages().isEmpty()) {
      out.flush();
      return buffer.toString();
    }
    out.printf(
        Locale.ROOT, "%-4s %-36s %-32s %-8s %s%n", "TYPE", "NAME", "VERSION", "ARCH", "SOURCE");
    for (InstalledPackage p : inventory.packages()) {
      out.printf(
          Locale.ROOT,
          "%-4s %-36s %-32s %-8s %s%n",
          p.type().label(),
          Printable.clean(p.name()),
          Printable.clean(p.version()),
          Printable.clean(p.architecture()),
          Printable.clean(
              p.sourceName()
                  + (p.sourceVersion().equals(p.version()) ? "" : " " + p.sourceVersion())));
    }
    out.flush();
    return buffer.toString();
  }

  static String json(PackageInventory inventory) throws JsonProcessingException {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode doc = mapper.createObjectNode();
    doc.put("root", inventory.root().toString());
    inventory
        .osRelease()
        .ifPresent(
            os -> {
              ObjectNode node = doc.putObject("os");
              node.put("id", os.id());
              node.put("versionId", os.versionId());
              node.put("versionCodename", os.versionCodename());
              node.put("prettyName", os.prettyName());
              ArrayNode like = node.putArray("idLike");
              os.idLike().forEach(like::add);
            });
    doc.put("ecosystem", inventory.ecosystem());
    ArrayNode dbs = doc.putArray("databases");
    inventory.databases().forEach(d -> dbs.add(d.toString()));
    ArrayNode array = doc.putArray("packages");
    for (InstalledPackage p : inventory.packages()) {
      ObjectNode node = array.addObject();
      node.put("type", p.type().label());
      node.put("ecosystem", p.ecosystem());
      node.put("name", p.name());
      node.put("version", p.version());
      node.put("architecture", p.architecture());
      node.put("sourceName", p.sourceName());
      node.put("sourceVersion", p.sourceVersion());
      node.put("maintainer", p.maintainer());
      node.put("installedSize", p.installedSize());
      node.put("fileCount", p.files().size());
    }
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
  }
}
