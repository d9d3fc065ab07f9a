package dev.drydock.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Lays out a minimal root file system around a static busybox: {@code /bin/busybox}, one symlink
 * per applet at the path busybox lists for it, {@code /etc/passwd}, {@code /etc/group} and a
 * world-writable sticky {@code /tmp}.
 */
final class BusyboxRootfs {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String PASSWD =
      "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n";
  private static final String GROUP = "root:x:0:\nnobody:x:65534:\n";

  private BusyboxRootfs() {}

  static void create(Path root, Path busybox, Commands commands)
      throws IOException, CommandFailedException {
    Path bin = Files.createDirectories(root.resolve("bin"));
    Files.copy(busybox, bin.resolve("busybox"), StandardCopyOption.COPY_ATTRIBUTES);
    List<String> applets =
        commands
            .run(List.of(busybox.toString(), "--list-full"), Map.of(), TIMEOUT)
            .stdout()
            .lines()
            .toList();
    for (String applet : applets) {
      link(root, applet.strip());
    }
    Path etc = Files.createDirectories(root.resolve("etc"));
    Files.writeString(etc.resolve("passwd"), PASSWD, StandardCharsets.UTF_8);
    Files.writeString(etc.resolve("group"), GROUP, StandardCharsets.UTF_8);
    Files.createDirectories(root.resolve("root"));
    Path tmp = Files.createDirectories(root.resolve("tmp"));
    // Java cannot set the sticky bit; chmod can.
    commands.run(List.of("chmod", "1777", tmp.toString()), Map.of(), TIMEOUT);
  }

  private static void link(Path root, String applet) throws IOException {
    if (applet.isEmpty() || applet.equals("bin/busybox") || applet.contains("..")) {
      return;
    }
    Path link = root.resolve(applet);
    if (!link.normalize().startsWith(root)
        || Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, Path.of("/bin/busybox"));
  }
}
