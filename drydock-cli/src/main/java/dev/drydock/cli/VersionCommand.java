package dev.drydock.cli;

import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code drydock version}: drydock's version, commit, and the JDK it runs on. */
@Command(
    name = "version",
    mixinStandardHelpOptions = true,
    description = "Print drydock's version, the commit it was built from, and the JDK it runs on.")
final class VersionCommand implements Runnable {
  private final CliContext context;

  @Mixin GlobalOptions global = new GlobalOptions();

  @Option(names = "--json", description = "Print as JSON.")
  boolean json;

  VersionCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public void run() {
    VersionInfo v = VersionInfo.load();
    String jdk = Runtime.version().toString();
    String vendor = javaVendor();
    if (json) {
      context
          .out()
          .printf(
              Locale.ROOT,
              "{\"version\": \"%s\", \"commit\": \"%s\", \"dirty\": %s, \"jdk\": \"%s\"}%n",
              v.version(),
              v.commit(),
              v.dirty(),
              jdk);
      return;
    }
    context.out().println(v.describe());
    context.out().println("JDK " + jdk + (vendor.isEmpty() ? "" : " (" + vendor + ")"));
  }

  private static String javaVendor() {
    String vendor = System.getProperty("java.vendor");
    return vendor == null ? "" : vendor;
  }
}
