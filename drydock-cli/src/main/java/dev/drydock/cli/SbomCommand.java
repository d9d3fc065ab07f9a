package dev.drydock.cli;

import dev.drydock.oci.OciException;
import dev.drydock.pki.PkiException;
import dev.drydock.report.FailOn;
import dev.drydock.scanner.SbomWriter;
import dev.drydock.scanner.ScannerException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code drydock sbom}: the software bill of materials of an image. */
@Command(
    name = "sbom",
    mixinStandardHelpOptions = true,
    description = {
      "Describe what an image contains: OS packages (dpkg, apk, rpm) and language packages (Java"
          + " archives, npm, Python, Go, .NET, Ruby), each with its package URL and the layer that"
          + " added it, as CycloneDX 1.6 or SPDX 2.3 JSON.",
      "IMAGE is a local image name (exported from the Docker daemon), a registry reference"
          + " (host[:port]/repo:tag or @sha256:..., or docker://...), a 'docker save' archive"
          + " (.tar or .tar.gz), or an OCI layout directory; --source forces the kind."
    },
    footer = {
      "",
      "Examples:",
      "  drydock sbom debian:12                           CycloneDX to standard output",
      "  drydock sbom app.tar --format spdx -o app.spdx.json",
      "  drydock sbom ./oci-layout --platform linux/arm64",
      "  drydock sbom registry.example/team/app@sha256:... --registry-ca ca.crt"
    })
final class SbomCommand implements Callable<Integer> {
  @Mixin GlobalOptions global = new GlobalOptions();
  @Mixin EngineOptionsMixin engine = new EngineOptionsMixin();
  @Mixin ImageInput input = new ImageInput();

  @Parameters(
      paramLabel = "IMAGE",
      description = "Image name, registry reference, docker save archive or OCI layout.")
  String image = "";

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "cyclonedx",
      description =
          "cyclonedx (CycloneDX 1.6 JSON) or spdx (SPDX 2.3 JSON); default: ${DEFAULT-VALUE}.")
  String format = "cyclonedx";

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the SBOM to FILE (replaced atomically) instead of standard output.")
  @Nullable Path output;

  @Override
  public Integer call() throws OciException, ScannerException, PkiException, IOException {
    Drydock root = global.root();
    String fmt = format.strip().toLowerCase(Locale.ROOT);
    if (!fmt.equals("cyclonedx") && !fmt.equals("spdx")) {
      throw new CliException(
          "Unknown --format '" + format + "': use cyclonedx or spdx.", FailOn.EXIT_USAGE);
    }
    ImageInput.Catalogued read = input.catalogue(image, engine, root);
    byte[] sbom =
        fmt.equals("spdx")
            ? SbomWriter.spdx(read.subject(), read.catalog().packages())
            : SbomWriter.cycloneDx(read.subject(), read.catalog().packages());
    write(root, output, sbom);
    return FailOn.EXIT_OK;
  }

  static void write(Drydock root, @Nullable Path output, byte[] bytes) throws IOException {
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (output == null || output.toString().equals("-")) {
      root.context().out().print(text);
      root.context().out().flush();
    } else {
      ReportOutput.write(output, text);
    }
  }
}
