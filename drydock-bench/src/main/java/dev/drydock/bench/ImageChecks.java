package dev.drydock.bench;

import dev.drydock.engine.ContainerDetails;
import dev.drydock.engine.ImageDetails;
import dev.drydock.engine.ImageHistoryEntry;
import dev.drydock.model.Finding;
import dev.drydock.model.Severity;
import dev.drydock.model.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** CIS Docker Benchmark section 4 Container images and build file. */
final class ImageChecks {
  private ImageChecks() {}

  /** A package-index refresh: {@code apt-get update}, {@code apk update}, {@code yum update}... */
  private static final Pattern UPDATE =
      Pattern.compile(
          "\\b(apt-get|apt|yum|dnf|microdnf|apk|zypper)\\s+(-\\S+\\s+)*(update|refresh)\\b");

  /** What makes an update step not "alone": it installs or upgrades in the same step. */
  private static final Pattern INSTALL =
      Pattern.compile("\\b(install|upgrade|dist-upgrade|add)\\b");

  /**
   * {@code ADD} as the classic builder ({@code #(nop) ADD}) and BuildKit ({@code ADD}) record it.
   */
  private static final Pattern ADD = Pattern.compile("^(/bin/sh -c #\\(nop\\)\\s+)?ADD\\s");

  /** A base image's root file system, added to {@code /}: not a Dockerfile choice to review. */
  private static final Pattern ROOTFS_ADD = Pattern.compile("\\sin /\\s*$");

  static List<Check> checks() {
    return List.of(
        Check.of(
            Audits.info(
                "4.1",
                "Ensure that a user for the container has been created",
                1,
                true,
                Severity.MEDIUM,
                "Add a non-root user to the image (USER in the Dockerfile) or run the container"
                    + " with --user <uid>; UID 0 under any spelling is root."),
            ImageChecks::user),
        manual(
            "4.2",
            "Ensure that containers use only trusted base images",
            1,
            "Build only FROM images your organisation trusts; verify their signatures with"
                + " drydock verify (trust policies) before use."),
        manual(
            "4.3",
            "Ensure that unnecessary packages are not installed in the container",
            1,
            "Review each image's packages (drydock scan lists them as an SBOM) and remove what"
                + " the workload does not need."),
        manual(
            "4.4",
            "Ensure images are scanned and rebuilt to include security patches",
            1,
            "Scan images (drydock scan) and rebuild them when fixes are available."),
        manual(
            "4.5",
            "Ensure Content trust for Docker is Enabled",
            2,
            "DOCKER_CONTENT_TRUST is a setting of each docker client, which the daemon cannot"
                + " report; verify image signatures with drydock's trust policies (drydock"
                + " verify) or an authorization plugin instead."),
        Check.of(
            Audits.info(
                "4.6",
                "Ensure that HEALTHCHECK instructions have been added to container images",
                1,
                true,
                Severity.LOW,
                "Add a HEALTHCHECK instruction to the Dockerfile."),
            ImageChecks::healthcheck),
        Check.of(
            Audits.info(
                "4.7",
                "Ensure update instructions are not used alone in Dockerfiles",
                1,
                false,
                Severity.LOW,
                "Refresh the package index in the same RUN as the install (apt-get update &&"
                    + " apt-get install -y ...), so that a cached update is never reused."),
            (i, c) ->
                historyReview(
                    i,
                    c,
                    ImageChecks::updateAlone,
                    "no build step refreshes a package index alone")),
        manual(
            "4.8",
            "Ensure setuid and setgid permissions are removed",
            2,
            "Find setuid/setgid files in the image (find / -perm /6000 -type f) and remove the"
                + " bits the workload does not need."),
        Check.of(
            Audits.info(
                "4.9",
                "Ensure that COPY is used instead of ADD in Dockerfiles",
                1,
                false,
                Severity.LOW,
                "Use COPY for local files; fetch remote files with a verified download in RUN."),
            (i, c) ->
                historyReview(
                    i,
                    c,
                    ImageChecks::addStep,
                    "no build step uses ADD (base root file systems aside)")),
        manual(
            "4.10",
            "Ensure secrets are not stored in Dockerfiles",
            1,
            "Pass secrets at build time with BuildKit secrets and at run time with a secret"
                + " store; never in ENV, ARG or a layer."),
        manual(
            "4.11",
            "Ensure only verified packages are installed",
            2,
            "Install packages only from repositories whose signatures the package manager"
                + " verifies (no --allow-unauthenticated, no --nogpgcheck)."),
        manual(
            "4.12",
            "Ensure all signed artifacts are validated",
            1,
            "Validate the signatures of every artifact used in a build before use (drydock"
                + " verify for images)."));
  }

  private static Check manual(String id, String title, int level, String guidance) {
    return Check.of(
        Audits.info(id, title, level, false, Severity.MEDIUM, guidance),
        (i, c) -> Audits.manual(i, "images", guidance));
  }

  private static List<Finding> user(CheckInfo info, BenchContext context) throws BenchException {
    List<ContainerDetails> containers = context.engine().containers();
    List<ImageDetails> images = context.engine().images();
    if (containers.isEmpty() && images.isEmpty()) {
      return List.of(
          info.finding(Status.NOT_APPLICABLE, "daemon", "no containers and no images").build());
    }
    List<Finding> out = new ArrayList<>();
    for (ContainerDetails c : containers) {
      if (Users.isRoot(c.user())) {
        out.add(
            info.finding(
                    Status.FAIL, Audits.subject(c), "Config.User=" + shown(c.user()) + " (root)")
                .build());
      }
    }
    for (ImageDetails image : images) {
      if (Users.isRoot(image.user())) {
        out.add(
            info.finding(
                    Status.FAIL,
                    Audits.subject(image),
                    "Config.User=" + shown(image.user()) + " (root)")
                .build());
      }
    }
    if (out.isEmpty()) {
      out.add(
          info.finding(
                  Status.PASS,
                  "containers and images",
                  Audits.examined(containers.size(), "container")
                      + " and "
                      + Audits.examined(images.size(), "image")
                      + " run as a non-root user")
              .build());
    }
    return out;
  }

  private static String shown(String user) {
    return user.isEmpty() ? "\"\"" : user;
  }

  private static List<Finding> healthcheck(CheckInfo info, BenchContext context)
      throws BenchException {
    List<ImageDetails> images = context.engine().images();
    if (images.isEmpty()) {
      return List.of(
          info.finding(Status.NOT_APPLICABLE, "images", "the daemon has no images").build());
    }
    List<Finding> out = new ArrayList<>();
    for (ImageDetails image : images) {
      if (!image.healthcheck()) {
        out.add(
            info.finding(Status.FAIL, Audits.subject(image), "Config.Healthcheck not set").build());
      }
    }
    if (out.isEmpty()) {
      out.add(
          info.finding(
                  Status.PASS,
                  "images",
                  Audits.examined(images.size(), "image") + " define a HEALTHCHECK")
              .build());
    }
    return out;
  }

  /** Finds a build step to review in one image's history. */
  @FunctionalInterface
  interface StepRule {
    boolean matches(String createdBy);
  }

  private static List<Finding> historyReview(
      CheckInfo info, BenchContext context, StepRule rule, String nothing) throws BenchException {
    List<ImageDetails> images = context.engine().images();
    if (images.isEmpty()) {
      return List.of(
          info.finding(Status.NOT_APPLICABLE, "images", "the daemon has no images").build());
    }
    List<Finding> out = new ArrayList<>();
    for (ImageDetails image : images) {
      firstMatch(context.engine().history(image.id()), rule)
          .ifPresent(
              step ->
                  out.add(
                      info.finding(Status.MANUAL, Audits.subject(image), "build step: " + step)
                          .build()));
    }
    if (out.isEmpty()) {
      out.add(
          info.finding(
                  Status.MANUAL,
                  "images",
                  Audits.examined(images.size(), "image") + " examined: " + nothing)
              .build());
    }
    return out;
  }

  private static Optional<String> firstMatch(List<ImageHistoryEntry> history, StepRule rule) {
    return history.stream()
        .map(ImageHistoryEntry::createdBy)
        .filter(rule::matches)
        .findFirst()
        .map(s -> s.length() <= 200 ? s : s.substring(0, 200) + "...");
  }

  /** {@return whether the step refreshes a package index without installing in the same step} */
  static boolean updateAlone(String createdBy) {
    String step = createdBy.toLowerCase(Locale.ROOT);
    if (step.contains("#(nop)") || !UPDATE.matcher(step).find()) {
      return false;
    }
    String rest = UPDATE.matcher(step).replaceAll(" ");
    return !INSTALL.matcher(rest).find();
  }

  /** {@return whether the step is an ADD, other than a base image's root file system} */
  static boolean addStep(String createdBy) {
    String step = createdBy.strip();
    return ADD.matcher(step).find() && !ROOTFS_ADD.matcher(step).find();
  }
}
