package dev.drydock.scanner;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import com.github.packageurl.PackageURLBuilder;
import dev.drydock.model.Digest;
import dev.drydock.model.InvalidValueException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Builds and checks package URLs with packageurl-java, one method per purl type drydock reports,
 * each applying that type's normalisation rules so that cataloguers and SBOM writers agree on one
 * canonical string per package.
 *
 * <p>Every method returns the canonical form ({@link PackageURL#canonicalize()}) and throws {@link
 * InvalidValueException} naming the input when the parts cannot form a valid purl. Optional
 * qualifiers are passed as null or blank to leave them out.
 *
 * @see <a href="https://github.com/package-url/purl-spec/blob/main/PURL-SPECIFICATION.rst">purl
 *     specification</a>
 * @see <a href="https://github.com/package-url/purl-spec/tree/main/types">purl type definitions</a>
 */
public final class Purls {
  private static final Pattern PYPI_SEPARATORS = Pattern.compile("[-_.]+");

  private Purls() {}

  /**
   * {@return {@code pkg:deb/<vendor>/<name>@<version>?arch=..&distro=..}}: vendor ({@code debian},
   * {@code ubuntu}) and name are lower-cased; the version keeps its epoch ({@code 1:2.4.47-2}).
   */
  public static String deb(
      String vendor, String name, String version, @Nullable String arch, @Nullable String distro) {
    return build(
        builder("deb", lower(vendor), lower(name), version)
            .q("arch", blankToNull(arch))
            .q("distro", blankToNull(distro)));
  }

  /** {@return {@code pkg:apk/<vendor>/<name>@<version>?arch=..&distro=..}}, lower-cased names. */
  public static String apk(
      String vendor, String name, String version, @Nullable String arch, @Nullable String distro) {
    return build(
        builder("apk", lower(vendor), lower(name), version)
            .q("arch", blankToNull(arch))
            .q("distro", blankToNull(distro)));
  }

  /**
   * {@return {@code pkg:rpm/<vendor>/<name>@<version-release>?arch=..&epoch=..&distro=..}}: the
   * vendor is lower-cased, the name keeps its case (rpm names are case sensitive), and the epoch is
   * a qualifier, not part of the version.
   */
  public static String rpm(
      String vendor,
      String name,
      String versionRelease,
      @Nullable String epoch,
      @Nullable String arch,
      @Nullable String distro) {
    String e = blankToNull(epoch);
    return build(
        builder("rpm", lower(vendor), name, versionRelease)
            .q("arch", blankToNull(arch))
            .q("epoch", "0".equals(e) ? null : e)
            .q("distro", blankToNull(distro)));
  }

  /** {@return {@code pkg:maven/<groupId>/<artifactId>@<version>}} */
  public static String maven(String groupId, String artifactId, String version) {
    return maven(groupId, artifactId, version, null, null);
  }

  /**
   * {@return {@code pkg:maven/<groupId>/<artifactId>@<version>?classifier=..&type=..}}; the type
   * {@code jar} is the default and left out.
   */
  public static String maven(
      String groupId,
      String artifactId,
      String version,
      @Nullable String classifier,
      @Nullable String type) {
    String t = blankToNull(type);
    return build(
        builder("maven", groupId, artifactId, version)
            .q("classifier", blankToNull(classifier))
            .q("type", "jar".equals(t) ? null : t));
  }

  /**
   * {@return {@code pkg:npm/<name>@<version>}}, or {@code pkg:npm/%40<scope>/<name>@<version>} for
   * a scoped name {@code @scope/name}; npm names are lower case by registry rule and kept as given.
   */
  public static String npm(String name, String version) {
    String namespace = null;
    String local = name;
    if (name.startsWith("@")) {
      int slash = name.indexOf('/');
      if (slash < 2 || slash == name.length() - 1) {
        throw new InvalidValueException("npm package name", name, "expected @scope/name");
      }
      namespace = name.substring(0, slash);
      local = name.substring(slash + 1);
    }
    return build(builder("npm", namespace, local, version));
  }

  /**
   * {@return {@code pkg:pypi/<name>@<version>}} with the name normalised as PEP 503 says: lower
   * case, each run of {@code -}, {@code _} and {@code .} replaced by one {@code -}}
   */
  public static String pypi(String name, String version) {
    return build(builder("pypi", null, pypiName(name), version));
  }

  /** {@return the PEP 503 normalised form of a Python distribution name} */
  public static String pypiName(String name) {
    return PYPI_SEPARATORS.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("-");
  }

  /**
   * {@return {@code pkg:golang/<module path without last element>/<last element>@<version>}}, e.g.
   * {@code golang.org/x/net} → {@code pkg:golang/golang.org/x/net@v0.17.0}; the standard library is
   * the module {@code stdlib}}
   */
  public static String golang(String modulePath, String version) {
    int slash = modulePath.lastIndexOf('/');
    String namespace = slash < 0 ? null : modulePath.substring(0, slash);
    String name = slash < 0 ? modulePath : modulePath.substring(slash + 1);
    return build(builder("golang", namespace, name, version));
  }

  /** {@return {@code pkg:cargo/<name>@<version>}} */
  public static String cargo(String name, String version) {
    return build(builder("cargo", null, name, version));
  }

  /** {@return {@code pkg:nuget/<name>@<version>}}, the name's case kept as published. */
  public static String nuget(String name, String version) {
    return build(builder("nuget", null, name, version));
  }

  /** {@return {@code pkg:gem/<name>@<version>?platform=..}}; platform {@code ruby} is left out. */
  public static String gem(String name, String version, @Nullable String platform) {
    String p = blankToNull(platform);
    return build(builder("gem", null, name, version).q("platform", "ruby".equals(p) ? null : p));
  }

  /**
   * {@return {@code pkg:oci/<name>@<digest>?arch=..&repository_url=..&tag=..}} for an image: the
   * name is the last path element of the repository, lower-cased; the version is the manifest
   * digest}
   *
   * @param repository the repository path including the registry, e.g. {@code
   *     docker.io/library/debian}, or just a name when the registry is unknown
   * @param repositoryUrl the {@code repository_url} qualifier, or null to leave it out
   */
  public static String oci(
      String repository,
      Digest digest,
      @Nullable String repositoryUrl,
      @Nullable String tag,
      @Nullable String arch) {
    int slash = repository.lastIndexOf('/');
    String name = lower(slash < 0 ? repository : repository.substring(slash + 1));
    return build(
        builder("oci", null, name, digest.toString())
            .q("arch", blankToNull(arch))
            .q("repository_url", blankToNull(repositoryUrl))
            .q("tag", blankToNull(tag)));
  }

  /**
   * Parses a purl and returns its canonical form.
   *
   * @throws InvalidValueException naming the input when it is not a valid purl
   */
  public static String canonical(String purl) {
    return parse(purl).canonicalize();
  }

  /**
   * Parses a purl.
   *
   * @throws InvalidValueException naming the input when it is not a valid purl
   */
  static PackageURL parse(String purl) {
    try {
      return new PackageURL(purl);
    } catch (MalformedPackageURLException | RuntimeException e) {
      throw new InvalidValueException("package URL", purl, reason(e));
    }
  }

  /** {@return the purl type ({@code deb}, {@code maven}, ...) of a valid purl} */
  public static String type(String purl) {
    return parse(purl).getType();
  }

  private static Parts builder(
      String type, @Nullable String namespace, String name, String version) {
    PackageURLBuilder b = PackageURLBuilder.aPackageURL().withType(type).withName(ascii(name));
    if (namespace != null && !namespace.isBlank()) {
      b.withNamespace(ascii(namespace));
    }
    if (!version.isBlank()) {
      b.withVersion(ascii(version));
    }
    return new Parts(b);
  }

  private static String build(Parts parts) {
    PackageURLBuilder b = parts.builder;
    try {
      return b.build().canonicalize();
    } catch (MalformedPackageURLException | RuntimeException e) {
      String shown =
          "pkg:"
              + b.getType()
              + "/"
              + (b.getNamespace() == null ? "" : b.getNamespace() + "/")
              + b.getName()
              + "@"
              + b.getVersion();
      throw new InvalidValueException("package URL", shown, reason(e));
    }
  }

  /** A builder that leaves out qualifiers without a value (packageurl-java refuses them). */
  private static final class Parts {
    private final PackageURLBuilder builder;

    Parts(PackageURLBuilder builder) {
      this.builder = builder;
    }

    Parts q(String key, @Nullable String value) {
      if (value != null) {
        builder.withQualifier(key, ascii(value));
      }
      return this;
    }
  }

  private static String reason(Exception e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? "not a valid package URL" : m;
  }

  /**
   * Replaces each character outside printable ASCII (and space) with {@code _}: packageurl-java
   * 1.5.0, the newest release, percent-encodes bytes below 0x10 with one hex digit and bytes from
   * 0x80 sign-extended ({@code %FFFFFFC3}), which makes a malformed purl
   * (package-url/packageurl-java issues 150 and 154). Real package names and versions are ASCII in
   * every ecosystem drydock reads; the SBOMs keep the exact name in their own name fields.
   */
  static String ascii(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        if (b == null) {
          b = new StringBuilder(s.length()).append(s, 0, i);
        }
        b.append('_');
        if (Character.isHighSurrogate(c)
            && i + 1 < s.length()
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        }
      } else if (b != null) {
        b.append(c);
      }
    }
    return b == null ? s : b.toString();
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
