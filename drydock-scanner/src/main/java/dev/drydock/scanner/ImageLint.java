package dev.drydock.scanner;

import dev.drydock.model.Finding;
import dev.drydock.model.Severity;
import dev.drydock.model.Status;
import dev.drydock.oci.FileEntry;
import dev.drydock.oci.ImageConfig;
import dev.drydock.oci.ImageFilesystem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Lints an image's configuration and final file system in the manner of CIS Docker Benchmark
 * section 4 and Dockle: root user, missing health check, secrets in ENV, labels, build history or
 * files, set-id files, {@code ADD} from URLs, {@code update} without {@code install}, and the
 * {@code latest} tag. Every rule yields one finding, {@code PASS} when it found nothing, so that a
 * report shows what was checked. Secret values are never copied into a finding: evidence names the
 * variable, label, history entry or file and the kind of match only.
 *
 * @see <a href="https://www.cisecurity.org/benchmark/docker">CIS Docker Benchmark, section 4</a>
 */
public final class ImageLint {
  static final String SECTION = "Image configuration";
  private static final String CIS = "https://www.cisecurity.org/benchmark/docker";

  private static final Pattern ADD_URL =
      Pattern.compile(
          "(?:^|\\s)ADD\\s{1,10}(?:--\\S{1,200}\\s{1,10}){0,10}(https?)://([^/\\s]{1,255})");
  private static final Pattern UPDATE =
      Pattern.compile(
          "\\b(?:apt-get\\s{1,10}update|apt\\s{1,10}update|apk\\s{1,10}update|(?:yum|dnf)\\s{1,10}makecache)\\b");
  private static final Pattern INSTALL =
      Pattern.compile("\\b(?:install|upgrade|apk\\s{1,10}(?:--\\S{1,50}\\s{1,10}){0,10}add)\\b");

  private ImageLint() {}

  /**
   * Runs every rule over one image.
   *
   * @param imageRef the reference the image was named by, e.g. {@code debian:12}; the subject of
   *     every finding
   * @param config the image's configuration
   * @param fs the image's flattened file system (the image must still be open)
   * @return one finding per rule, in a fixed order
   */
  public static List<Finding> check(String imageRef, ImageConfig config, ImageFilesystem fs) {
    return check(imageRef, config, fs.files(), ImageLintFiles.contentOf(fs));
  }

  /** Runs every rule with the files given as a list and their content read through {@code src}. */
  static List<Finding> check(
      String imageRef, ImageConfig config, List<FileEntry> files, ImageLintFiles.Content src) {
    List<Finding> out = new ArrayList<>();
    ImageConfig.RunConfig run = config.config();
    out.add(rootUser(imageRef, run));
    out.add(healthcheck(imageRef, run));
    out.add(secretEnv(imageRef, run));
    out.add(secretLabels(imageRef, run));
    out.add(secretHistory(imageRef, config.history()));
    out.add(ImageLintFiles.setuid(imageRef, files));
    out.add(addUrl(imageRef, config.history()));
    out.add(updateAlone(imageRef, config.history()));
    out.add(latestTag(imageRef));
    out.add(ImageLintFiles.secretFiles(imageRef, files, src));
    return List.copyOf(out);
  }

  static Finding rootUser(String ref, ImageConfig.@Nullable RunConfig run) {
    String user = run == null || run.user() == null ? "" : run.user().strip();
    String name = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
    boolean root = name.isEmpty() || name.equals("root") || name.equals("0");
    return finding(ref, "lint-root-user", "Image runs as a non-root user", Severity.HIGH, "4.1")
        .status(root ? Status.FAIL : Status.PASS)
        .evidence(
            user.isEmpty()
                ? "no USER is set, so containers run as root"
                : "USER is " + ImageLintSecrets.printable(user))
        .remediation("Create an unprivileged user and add a USER instruction to the Dockerfile.")
        .build();
  }

  static Finding healthcheck(String ref, ImageConfig.@Nullable RunConfig run) {
    ImageConfig.Healthcheck hc = run == null ? null : run.healthcheck();
    boolean none = hc == null || hc.test().isEmpty() || hc.test().getFirst().equals("NONE");
    return finding(ref, "lint-no-healthcheck", "Image has a HEALTHCHECK", Severity.LOW, "4.6")
        .status(none ? Status.FAIL : Status.PASS)
        .evidence(
            hc == null
                ? "no HEALTHCHECK is configured"
                : none ? "HEALTHCHECK is disabled (NONE)" : "HEALTHCHECK is configured")
        .remediation("Add a HEALTHCHECK instruction that probes the service.")
        .build();
  }

  static Finding secretEnv(String ref, ImageConfig.@Nullable RunConfig run) {
    List<String> hits = new ArrayList<>();
    for (String entry : run == null ? List.<String>of() : run.env()) {
      int eq = entry.indexOf('=');
      String key = eq < 0 ? entry : entry.substring(0, eq);
      String value = eq < 0 ? "" : entry.substring(eq + 1);
      secretHit("ENV " + ImageLintSecrets.printable(key), key, value).ifPresent(hits::add);
    }
    return secretFinding(ref, "lint-secret-env", "No secrets in ENV", hits, "environment variables")
        .remediation(
            "Remove credentials from ENV; pass them at run time as secrets or mounted files.")
        .build();
  }

  static Finding secretLabels(String ref, ImageConfig.@Nullable RunConfig run) {
    List<String> hits = new ArrayList<>();
    Map<String, String> labels = run == null ? Map.of() : run.labels();
    for (Map.Entry<String, String> e : labels.entrySet()) {
      secretHit("LABEL " + ImageLintSecrets.printable(e.getKey()), e.getKey(), e.getValue())
          .ifPresent(hits::add);
    }
    return secretFinding(ref, "lint-secret-label", "No secrets in labels", hits, "labels")
        .remediation("Remove credentials from LABEL instructions and rebuild the image.")
        .build();
  }

  private static Optional<String> secretHit(String where, String key, String value) {
    Optional<String> kind = ImageLintSecrets.valueKind(value);
    if (kind.isPresent()) {
      return Optional.of(where + ": value looks like " + kind.get() + " (value redacted)");
    }
    if (!value.isBlank() && ImageLintSecrets.secretName(key)) {
      return Optional.of(where + ": the name suggests a secret (value redacted)");
    }
    return Optional.empty();
  }

  static Finding secretHistory(String ref, List<ImageConfig.History> history) {
    List<String> hits = new ArrayList<>();
    forEachCommand(
        history,
        (where, line) ->
            ImageLintSecrets.commandKind(line)
                .ifPresent(k -> hits.add(where + ": holds " + k + " (value redacted)")));
    return secretFinding(ref, "lint-secret-history", "No secrets in build history", hits, "history")
        .remediation(
            "Pass build credentials as BuildKit secrets (RUN --mount=type=secret), not as"
                + " arguments; every build command is kept in the image history.")
        .build();
  }

  static Finding addUrl(String ref, List<ImageConfig.History> history) {
    List<String> hits = new ArrayList<>();
    forEachCommand(
        history,
        (where, line) -> {
          var m = ADD_URL.matcher(line);
          if (m.find()) {
            String host = m.group(2);
            host = host.contains("@") ? host.substring(host.lastIndexOf('@') + 1) : host;
            hits.add(where + ": ADD from " + m.group(1) + "://" + ImageLintSecrets.printable(host));
          }
        });
    return listFinding(
            ref,
            "lint-add-url",
            "COPY is used instead of ADD from URLs",
            Severity.MEDIUM,
            "4.9",
            hits,
            "no ADD instruction fetches a URL")
        .remediation(
            "Download with a checksum-verified RUN step (or ADD --checksum) and use COPY for local"
                + " files.")
        .build();
  }

  static Finding updateAlone(String ref, List<ImageConfig.History> history) {
    List<String> hits = new ArrayList<>();
    forEachCommand(
        history,
        (where, line) -> {
          if (!line.contains("#(nop)")
              && UPDATE.matcher(line).find()
              && !INSTALL.matcher(line).find()) {
            hits.add(where + ": package index updated without an install in the same RUN");
          }
        });
    return listFinding(
            ref,
            "lint-update-alone",
            "Update instructions are not used alone",
            Severity.LOW,
            "4.7",
            hits,
            "no RUN updates a package index on its own")
        .remediation(
            "Combine the index update with the install in one RUN, e.g. apt-get update &&"
                + " apt-get install -y ..., so that a cached layer cannot hold a stale index.")
        .build();
  }

  static Finding latestTag(String ref) {
    String tag = tagOf(ref);
    boolean digest = ref.contains("@");
    boolean bad = !digest && (tag == null || tag.equals("latest"));
    return finding(
            ref,
            "lint-latest-tag",
            "Image is pinned to a version tag or digest",
            Severity.LOW,
            null)
        .status(bad ? Status.FAIL : Status.PASS)
        .evidence(
            digest
                ? "the reference names a digest"
                : tag == null ? "the reference has no tag, so latest is implied" : "tag is " + tag)
        .remediation("Refer to the image by a version tag or, better, by digest.")
        .build();
  }

  /** {@return the tag of a reference without digest, or null when it has none} */
  static @Nullable String tagOf(String ref) {
    String r = ref.contains("@") ? ref.substring(0, ref.indexOf('@')) : ref;
    String last = r.substring(r.lastIndexOf('/') + 1);
    int colon = last.lastIndexOf(':');
    return colon < 0 ? null : last.substring(colon + 1).toLowerCase(Locale.ROOT);
  }

  @FunctionalInterface
  private interface CommandVisitor {
    void visit(String where, String line);
  }

  /** Visits each history command, naming it by entry number and the layer it produced. */
  private static void forEachCommand(List<ImageConfig.History> history, CommandVisitor visitor) {
    int layer = 0;
    for (int i = 0; i < history.size(); i++) {
      ImageConfig.History h = history.get(i);
      String where =
          "history entry " + i + (h.emptyLayer() ? " (no layer)" : " (layer " + layer + ")");
      if (!h.emptyLayer()) {
        layer++;
      }
      if (h.createdBy() != null) {
        visitor.visit(where, ImageLintSecrets.cap(h.createdBy()));
      }
    }
  }

  private static Finding.Builder secretFinding(
      String ref, String rule, String title, List<String> hits, String what) {
    return listFinding(
        ref, rule, title, Severity.HIGH, null, hits, "no credentials found in " + what);
  }

  static Finding.Builder listFinding(
      String ref,
      String rule,
      String title,
      Severity severity,
      @Nullable String cis,
      List<String> hits,
      String passEvidence) {
    return finding(ref, rule, title, severity, cis)
        .status(hits.isEmpty() ? Status.PASS : Status.FAIL)
        .evidence(hits.isEmpty() ? passEvidence : limited(hits));
  }

  /** {@return up to 20 items joined, with the total when there are more} */
  static String limited(List<String> items) {
    String shown = String.join("; ", items.subList(0, Math.min(20, items.size())));
    return items.size() > 20 ? items.size() + " found, first 20: " + shown : shown;
  }

  static Finding.Builder finding(
      String ref, String rule, String title, Severity severity, @Nullable String cis) {
    Finding.Builder b =
        Finding.builder(rule, title).severity(severity).subject(ref).property("section", SECTION);
    if (cis != null) {
      b.property("cis", cis).references(List.of(CIS));
    }
    return b;
  }
}
