package dev.drydock.cli;

import dev.drydock.report.FailOn;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * What the IMAGE argument of {@code sbom} and {@code scan} names, decided in this order:
 *
 * <ol>
 *   <li>{@code --source} forces the kind (a {@code docker://} or {@code registry://} prefix is
 *       still removed);
 *   <li>a {@code docker://} or {@code registry://} prefix means a registry (as skopeo's {@code
 *       docker://} transport);
 *   <li>an existing regular file is a {@code docker save} archive; an existing directory an OCI
 *       layout;
 *   <li>a name with a slash whose first component has a dot or a colon, or is {@code localhost}
 *       (the rule Docker uses to find a registry host, e.g. {@code 127.0.0.1:5000/app:1} or {@code
 *       registry.example/team/app@sha256:...}) is read from that registry, unless the local daemon
 *       has an image of exactly that name (then it is scanned as pulled);
 *   <li>anything else is a local daemon image ({@code app:1}, {@code debian:12}, an image ID).
 * </ol>
 *
 * @param kind where to read from
 * @param reference the argument without a transport prefix
 */
record ImageArgument(Kind kind, String reference) {
  /** Where an image is read from: the value of {@code --source}. */
  enum Kind {
    /** The local Docker daemon (image export). */
    DAEMON,
    /** A registry over the distribution API. */
    REGISTRY,
    /** A {@code docker save} archive, plain or OCI-layout style, optionally gzip-compressed. */
    ARCHIVE,
    /** An OCI image layout directory. */
    LAYOUT;

    static Kind parse(String text) {
      return switch (text.strip().toLowerCase(Locale.ROOT)) {
        case "daemon", "docker-daemon" -> DAEMON;
        case "registry" -> REGISTRY;
        case "archive", "docker-archive" -> ARCHIVE;
        case "layout", "oci", "oci-layout" -> LAYOUT;
        default ->
            throw new CliException(
                "Unknown --source '" + text + "': use daemon, registry, archive or layout.",
                FailOn.EXIT_USAGE);
      };
    }
  }

  private static final String[] REGISTRY_PREFIXES = {"docker://", "registry://"};

  /**
   * Classifies an argument.
   *
   * @param argument the IMAGE argument as given
   * @param forced the {@code --source} value, or null to decide by the rules above
   * @param daemonHas asked only for registry-looking names: does the local daemon have an image of
   *     this name? (false when the daemon cannot be reached)
   */
  static ImageArgument classify(
      String argument, @Nullable Kind forced, Predicate<String> daemonHas) {
    if (argument.isBlank()) {
      throw new CliException(
          "Name an image: a local image, a registry reference, a docker save archive or an OCI"
              + " layout directory.",
          FailOn.EXIT_USAGE);
    }
    String reference = argument;
    boolean prefixed = false;
    for (String prefix : REGISTRY_PREFIXES) {
      if (argument.startsWith(prefix)) {
        reference = argument.substring(prefix.length());
        prefixed = true;
      }
    }
    if (forced != null) {
      return new ImageArgument(forced, reference);
    }
    if (prefixed) {
      return new ImageArgument(Kind.REGISTRY, reference);
    }
    Path path = asPath(argument);
    if (path != null && Files.isRegularFile(path)) {
      return new ImageArgument(Kind.ARCHIVE, argument);
    }
    if (path != null && Files.isDirectory(path)) {
      return new ImageArgument(Kind.LAYOUT, argument);
    }
    if (namesRegistry(argument) && !daemonHas.test(argument)) {
      return new ImageArgument(Kind.REGISTRY, argument);
    }
    return new ImageArgument(Kind.DAEMON, argument);
  }

  /**
   * {@return true when the first of several slash-separated components is a registry host: it has a
   * dot or a colon or is {@code localhost}}
   */
  static boolean namesRegistry(String name) {
    int slash = name.indexOf('/');
    if (slash <= 0) {
      return false;
    }
    String first = name.substring(0, slash);
    if (first.equals(".") || first.equals("..")) {
      return false; // a relative path such as ./app.tar that does not exist
    }
    return first.contains(".") || first.contains(":") || first.equals("localhost");
  }

  private static @Nullable Path asPath(String argument) {
    try {
      return Path.of(argument);
    } catch (InvalidPathException e) {
      return null;
    }
  }
}
