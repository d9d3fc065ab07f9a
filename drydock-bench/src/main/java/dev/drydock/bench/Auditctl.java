package dev.drydock.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Lists the kernel's loaded audit rules with {@code auditctl -l}, when it is installed. */
final class Auditctl {
  private static final List<String> PLACES = List.of("/usr/sbin/auditctl", "/sbin/auditctl");
  private static final long TIMEOUT_SECONDS = 10;

  private Auditctl() {}

  /** {@return the rules, or empty when auditctl is missing, fails or hangs} */
  static Optional<String> list() {
    Optional<String> program =
        PLACES.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst();
    if (program.isEmpty()) {
      return Optional.empty();
    }
    try {
      Process p =
          new ProcessBuilder(program.get(), "-l")
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      byte[] out = p.getInputStream().readNBytes(HostFacts.MAX_TEXT_BYTES);
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.empty();
      }
      return p.exitValue() == 0
          ? Optional.of(new String(out, StandardCharsets.UTF_8))
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
