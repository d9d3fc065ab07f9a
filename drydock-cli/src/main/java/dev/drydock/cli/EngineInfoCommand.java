package dev.drydock.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.drydock.engine.EngineClient;
import dev.drydock.engine.EngineEndpoint;
import dev.drydock.engine.EngineException;
import dev.drydock.engine.EngineInfo;
import dev.drydock.engine.EnginePing;
import dev.drydock.engine.EngineVersion;
import dev.drydock.pki.PkiException;
import dev.drydock.report.Printable;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code drydock engine info}: ping, version and security-relevant settings of an engine. */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description =
        "Connect to a Docker engine and show its version and the settings a security audit looks at first (security options, authorization plugins, live restore, rootless, ...).")
final class EngineInfoCommand implements Callable<Integer> {
  @Mixin GlobalOptions global = new GlobalOptions();
  @Mixin EngineOptionsMixin engine = new EngineOptionsMixin();

  @Option(names = "--json", description = "Print ping, version and info as JSON.")
  boolean json;

  @Override
  public Integer call() throws EngineException, PkiException, IOException {
    Drydock root = global.root();
    EngineEndpoint endpoint = engine.endpoint(root.context());
    EngineClient client = EngineClient.create(endpoint);
    EnginePing ping = client.ping();
    EngineVersion version = client.version();
    EngineInfo info = client.info();
    PrintWriter out = root.context().out();
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("endpoint", endpoint.address());
      doc.put("apiVersion", client.apiVersion().toString());
      doc.put("ping", ping);
      doc.put("version", version);
      doc.put("info", info);
      out.println(
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
      return 0;
    }
    out.println("Engine at " + endpoint.address());
    row(
        out,
        "server",
        version.version()
            + " (API "
            + version.apiVersion()
            + ", "
            + version.os()
            + "/"
            + version.arch()
            + ")");
    row(
        out,
        "host",
        info.name() + ", " + info.operatingSystem() + ", kernel " + info.kernelVersion());
    row(
        out,
        "containers",
        info.containers()
            + " ("
            + info.containersRunning()
            + " running, "
            + info.containersStopped()
            + " stopped), images "
            + info.images());
    row(out, "storage", info.storageDriver() + " in " + info.dockerRootDir());
    row(out, "logging", info.loggingDriver());
    row(
        out,
        "cgroups",
        info.cgroupDriver() + (info.cgroupVersion().isEmpty() ? "" : " v" + info.cgroupVersion()));
    row(
        out,
        "security",
        info.securityOptions().isEmpty() ? "(none)" : String.join("; ", info.securityOptions()));
    row(
        out,
        "authz plugins",
        info.authorizationPlugins().isEmpty()
            ? "(none)"
            : String.join(", ", info.authorizationPlugins()));
    row(out, "live restore", Boolean.toString(info.liveRestoreEnabled()));
    row(out, "userns remap", Boolean.toString(info.usernsRemap()));
    row(out, "rootless", Boolean.toString(info.rootless()));
    row(
        out,
        "insecure registries",
        info.insecureRegistryCidrs().isEmpty()
            ? "(none)"
            : String.join(", ", info.insecureRegistryCidrs()));
    for (String warning : info.warnings()) {
      row(out, "daemon warning", warning);
    }
    return 0;
  }

  private static void row(PrintWriter out, String label, String value) {
    out.printf(java.util.Locale.ROOT, "  %-20s %s%n", label, Printable.clean(value));
  }
}
