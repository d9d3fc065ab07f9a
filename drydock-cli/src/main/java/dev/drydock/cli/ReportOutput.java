package dev.drydock.cli;

import dev.drydock.model.Report;
import dev.drydock.report.Renderer;
import dev.drydock.report.TableOptions;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Renders a report where the options say and returns the exit code {@code --fail-on} asks for. */
final class ReportOutput {
  private ReportOutput() {}

  static int emit(Report report, ReportOptions options, Drydock root) {
    boolean toFile = options.output != null;
    TableOptions table =
        new TableOptions(!toFile && root.color(), options.remediation, options.showPassing);
    StringWriter text = new StringWriter();
    try {
      Renderer.of(options.format, table).render(report, text);
      Path target = options.output;
      if (target == null) {
        root.context().out().print(text);
        root.context().out().flush();
      } else {
        writeAtomically(target.toAbsolutePath(), text.toString());
        if (!root.quiet()) {
          root.context().err().println("drydock: wrote " + target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return options.failOn.exitCode(report);
  }

  /** Writes beside the target and renames, so that readers never see a half-written report. */
  static void writeAtomically(Path target, String content) throws IOException {
    Path dir = target.getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Path temp =
        Files.createTempFile(
            dir == null ? Path.of(".") : dir, "." + target.getFileName() + ".", ".tmp");
    try {
      Files.writeString(temp, content, StandardCharsets.UTF_8);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
