package dev.drydock.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives Debian's headless chromium: dumps the DOM after rendering and takes screenshots. The
 * browser gets its own profile and home directory, and a host resolver that resolves nothing, so
 * that a report that tried to load something could not.
 */
final class Chromium {
  private Chromium() {}

  /** {@return the build folder's {@code audit-report/} directory for test artifacts} */
  static Path artifactDir() throws IOException, URISyntaxException {
    Path classes =
        Path.of(Chromium.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    return Files.createDirectories(
        java.util.Objects.requireNonNull(classes.getParent()).resolve("audit-report"));
  }

  private static List<String> base(Path home) throws IOException {
    Path profile = Files.createTempDirectory(home, "chromium-");
    List<String> args = new ArrayList<>();
    args.add("chromium");
    args.add("--headless");
    args.add("--no-sandbox");
    args.add("--disable-gpu");
    args.add("--disable-dev-shm-usage");
    args.add("--no-first-run");
    args.add("--user-data-dir=" + profile);
    args.add("--host-resolver-rules=MAP * ~NOTFOUND");
    return args;
  }

  private static String run(List<String> args, Path home) throws IOException, InterruptedException {
    Path log = Files.createTempFile(home, "chromium-", ".out");
    ProcessBuilder pb = new ProcessBuilder(args).redirectErrorStream(false);
    pb.environment().put("HOME", home.toString());
    pb.redirectOutput(log.toFile());
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("chromium did not finish in 90 s: " + args);
    }
    assertThat(p.exitValue()).as("chromium exit status").isZero();
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  static String dumpDom(Path html, Path home) throws IOException, InterruptedException {
    List<String> args = base(home);
    args.add("--dump-dom");
    args.add(html.toUri().toString());
    return run(args, home);
  }

  static Path screenshot(Path html, Path png, int width, int height, Path home)
      throws IOException, InterruptedException {
    List<String> args = base(home);
    args.add("--hide-scrollbars");
    args.add("--screenshot=" + png);
    args.add("--window-size=" + width + "," + height);
    args.add(html.toUri().toString());
    run(args, home);
    assertThat(png).exists();
    return png;
  }

  static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  /** No element may point at another resource: no src, action or external href attribute. */
  static void assertNoNetworkReference(String markup) {
    assertThat(markup)
        .doesNotContainPattern("(?i)<(script|link|iframe|object|embed|img|image|use)\\b")
        .doesNotContainPattern("(?i)url\\(|@import");
    Matcher tag = Pattern.compile("<[a-zA-Z][^<>]*>").matcher(markup);
    while (tag.find()) {
      String t = tag.group();
      assertThat(t).doesNotContainPattern("(?i)\\s(src|srcset|action|xlink:href|poster)\\s*=");
      Matcher href = Pattern.compile("(?i)\\shref\\s*=\\s*\"([^\"]*)\"").matcher(t);
      while (href.find()) {
        assertThat(href.group(1)).startsWith("#");
      }
    }
  }
}
