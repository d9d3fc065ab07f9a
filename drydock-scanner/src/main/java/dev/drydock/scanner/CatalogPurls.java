package dev.drydock.scanner;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURLBuilder;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Package URLs for catalogued packages, built with packageurl-java so that encoding and per-type
 * rules follow the <a href="https://github.com/package-url/purl-spec/blob/master/PURL-TYPES.rst">
 * purl types</a>.
 */
final class CatalogPurls {
  private static final Pattern PEP503 = Pattern.compile("[-_.]+");

  private CatalogPurls() {}

  /**
   * {@return the canonical purl}
   *
   * @throws IllegalArgumentException when the parts do not make a valid purl (callers skip the
   *     package and record a problem)
   */
  static String of(
      String type,
      @Nullable String namespace,
      String name,
      String version,
      Map<String, String> qualifiers) {
    try {
      PackageURLBuilder b =
          PackageURLBuilder.aPackageURL().withType(type).withName(name).withVersion(version);
      if (namespace != null && !namespace.isEmpty()) {
        b.withNamespace(namespace);
      }
      for (Map.Entry<String, String> q : new TreeMap<>(qualifiers).entrySet()) {
        if (!q.getValue().isEmpty()) {
          b.withQualifier(q.getKey(), q.getValue());
        }
      }
      return b.build().canonicalize();
    } catch (MalformedPackageURLException | RuntimeException e) {
      throw new IllegalArgumentException(
          "no valid purl for "
              + type
              + " package '"
              + name
              + "' "
              + version
              + ": "
              + e.getMessage(),
          e);
    }
  }

  static String maven(String groupId, String artifactId, String version) {
    return of("maven", groupId, artifactId, version, Map.of());
  }

  /** {@code @scope/name} puts the scope in the namespace; packageurl-java encodes the {@code @}. */
  static String npm(String name, String version) {
    int slash = name.indexOf('/');
    if (name.startsWith("@") && slash > 0) {
      return of("npm", name.substring(0, slash), name.substring(slash + 1), version, Map.of());
    }
    return of("npm", null, name, version, Map.of());
  }

  /** PyPI names in purls are PEP 503 normalised. */
  static String pypi(String name, String version) {
    return of("pypi", null, pep503(name), version, Map.of());
  }

  static String pep503(String name) {
    return PEP503.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("-");
  }

  /** {@code golang.org/x/net} becomes namespace {@code golang.org/x}, name {@code net}. */
  static String golang(String module, String version) {
    int slash = module.lastIndexOf('/');
    return slash < 0
        ? of("golang", null, module, version, Map.of())
        : of("golang", module.substring(0, slash), module.substring(slash + 1), version, Map.of());
  }
}
