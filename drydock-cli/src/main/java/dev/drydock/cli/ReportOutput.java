package dev.drydock.cli;

import dev.drydock.model.Report;
import dev.drydock.report.FailOn;
import dev.drydock.report.Renderer;
import dev.drydock.report.TableOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Renders a report where the options say and returns the exit code {@code --fail-on} asks for. */
final class ReportOutput {
  private static final SecureRandom RANDOM = new SecureRandom();

  private ReportOutput() {}

  static int emit(Report report, ReportOptions options, Drydock root) {
    Path target = options.output;
    boolean toFile = target != null && !target.toString().equals("-");
    TableOptions table =
        new TableOptions(!toFile && root.color(), options.remediation, options.showPassing);
    StringWriter text = new StringWriter();
    try {
      Renderer.of(options.format, table).render(report, text);
      if (target == null || !toFile) {
        root.context().out().print(text);
        root.context().out().flush();
      } else {
        write(target, text.toString());
        if (!root.quiet()) {
          root.context().err().println("drydock: wrote " + target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return options.failOn.exitCode(report);
  }

  /**
   * Writes a report file. A regular file (or a link to one) is replaced atomically, so readers
   * never see half a report; a device or pipe such as {@code /dev/stdout} is written in place,
   * never replaced; a directory is refused.
   */
  static void write(Path target, String content) throws IOException {
    Path real = Files.isSymbolicLink(target) ? target.toRealPath() : target.toAbsolutePath();
    if (Files.isDirectory(real)) {
      throw new CliException(
          "--output " + target + " is a directory; name a file in it instead.", FailOn.EXIT_USAGE);
    }
    if (Files.exists(real, LinkOption.NOFOLLOW_LINKS)
        && !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
      try (OutputStream out = Files.newOutputStream(real, StandardOpenOption.WRITE)) {
        out.write(content.getBytes(StandardCharsets.UTF_8));
      }
      return;
    }
    writeAtomically(real, content);
  }

  /** Writes beside the target and renames; the new file gets the umask's default mode. */
  static void writeAtomically(Path target, String content) throws IOException {
    Path dir = target.getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    byte[] nonce = new byte[6];
    RANDOM.nextBytes(nonce);
    Path temp =
        (dir == null ? Path.of(".") : dir)
            .resolve(".drydock-" + HexFormat.of().formatHex(nonce) + ".tmp");
    try {
      Files.write(temp, content.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE_NEW);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
