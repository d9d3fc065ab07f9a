package dev.drydock.pkg;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The operating system identification of a root filesystem, from {@code /etc/os-release} or {@code
 * /usr/lib/os-release} (<a href="https://www.freedesktop.org/software/systemd/man/os-release.html">
 * os-release(5)</a>).
 *
 * @param id lower-case OS id, e.g. {@code debian}, {@code alpine}, {@code rhel}; {@code linux} when
 *     the file does not say
 * @param versionId e.g. {@code 12} or {@code 3.10.4}; empty when absent (Debian testing)
 * @param versionCodename e.g. {@code bookworm}; empty when absent
 * @param idLike related OS ids, e.g. {@code [rhel, fedora]}
 * @param prettyName the human-readable name; falls back to {@code NAME}, then the id
 * @param fields every assignment in the file, unquoted, in file order
 */
public record OsRelease(
    String id,
    String versionId,
    String versionCodename,
    List<String> idLike,
    String prettyName,
    Map<String, String> fields) {

  /** Copies the collections. */
  public OsRelease {
    idLike = List.copyOf(idLike);
    fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /**
   * Reads the os-release of a root filesystem: {@code etc/os-release}, else {@code
   * usr/lib/os-release}.
   *
   * @return the parsed file, or empty when neither exists
   * @throws PackageDatabaseException when the file is malformed or too large
   */
  public static Optional<OsRelease> read(Path root) throws PackageDatabaseException {
    for (String candidate : List.of("etc/os-release", "usr/lib/os-release")) {
      Path file = RootPaths.resolve(root, candidate);
      byte[] bytes = BoundedFiles.readIfExists(file, BoundedFiles.MAX_SMALL_BYTES);
      if (bytes != null) {
        return Optional.of(parse(new String(bytes, java.nio.charset.StandardCharsets.UTF_8), file));
      }
    }
    return Optional.empty();
  }

  /**
   * Parses os-release text: {@code KEY=value} lines, values optionally in shell single or double
   * quotes with backslash escapes, {@code #} comments and blank lines ignored.
   *
   * @param file named in errors
   * @throws PackageDatabaseException naming the line of an assignment that is not one
   */
  public static OsRelease parse(String text, Path file) throws PackageDatabaseException {
    return fromFields(OsReleaseParser.parse(text, file));
  }

  static OsRelease fromFields(Map<String, String> fields) {
    String id = fields.getOrDefault("ID", "linux").toLowerCase(Locale.ROOT);
    if (id.isBlank()) {
      id = "linux";
    }
    List<String> like =
        Arrays.stream(fields.getOrDefault("ID_LIKE", "").split("\\s+", -1))
            .filter(s -> !s.isBlank())
            .map(s -> s.toLowerCase(Locale.ROOT))
            .toList();
    String pretty = fields.getOrDefault("PRETTY_NAME", fields.getOrDefault("NAME", id));
    return new OsRelease(
        id,
        fields.getOrDefault("VERSION_ID", ""),
        fields.getOrDefault("VERSION_CODENAME", ""),
        like,
        pretty.isBlank() ? id : pretty,
        fields);
  }

  /** {@return true when this is the OS {@code osId} or declares itself like it} */
  public boolean isLike(String osId) {
    return id.equals(osId) || idLike.contains(osId);
  }

  /**
   * The OSV ecosystem of this OS's packages, as osv.dev names it: {@code Debian:12}, {@code
   * Ubuntu:22.04}, {@code Alpine:v3.10}, {@code Red Hat}, {@code AlmaLinux:9}, {@code Rocky
   * Linux:9}, ...; without the version suffix when the version is unknown.
   */
  public String osvEcosystem() {
    String base = osvBase();
    String version = osvVersion();
    return version.isEmpty() ? base : base + ":" + version;
  }

  private String osvBase() {
    return switch (id) {
      case "debian" -> "Debian";
      case "ubuntu" -> "Ubuntu";
      case "alpine" -> "Alpine";
      case "wolfi" -> "Wolfi";
      case "chainguard" -> "Chainguard";
      case "rhel", "centos" -> "Red Hat";
      case "almalinux" -> "AlmaLinux";
      case "rocky" -> "Rocky Linux";
      case "sles", "sles_sap", "sle-micro" -> "SUSE";
      case "opensuse-leap", "opensuse-tumbleweed", "opensuse" -> "openSUSE";
      case "photon" -> "Photon OS";
      case "azurelinux", "mariner" -> "Azure Linux";
      case "mageia" -> "Mageia";
      default -> isLike("debian") ? "Debian" : isLike("rhel") ? "Red Hat" : prettyFallback();
    };
  }

  private String prettyFallback() {
    return id.isEmpty() ? "Linux" : Character.toUpperCase(id.charAt(0)) + id.substring(1);
  }

  private String osvVersion() {
    return switch (id) {
      case "debian", "almalinux", "rocky" -> versionId.split("\\.", 2)[0];
      case "alpine" -> alpineBranch();
      // osv.dev scopes Ubuntu LTS releases as Ubuntu:22.04:LTS.
      case "ubuntu" ->
          versionId.isEmpty() || !fields.getOrDefault("VERSION", "").contains("LTS")
              ? versionId
              : versionId + ":LTS";
      case "photon", "azurelinux", "mariner", "mageia" -> versionId;
      // SUSE ecosystems are scoped by the marketing name, which is PRETTY_NAME.
      case "sles", "sles_sap", "sle-micro", "opensuse-leap", "opensuse-tumbleweed", "opensuse" ->
          fields.getOrDefault("PRETTY_NAME", "");
      // Rolling distributions and Red Hat's CPE-shaped ecosystem take no simple version suffix.
      default -> "";
    };
  }

  /** Alpine advisories are per branch: {@code 3.10.4} belongs to {@code v3.10}. */
  private String alpineBranch() {
    String[] parts = versionId.split("\\.", -1);
    if (parts.length < 2 || parts[0].isEmpty()) {
      return "";
    }
    return "v" + parts[0] + "." + parts[1];
  }
}
