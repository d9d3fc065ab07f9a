package dev.drydock.audit;

import dev.drydock.model.Finding;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One image's part of the audit.
 *
 * @param id the image ID ({@code sha256:...})
 * @param tags its tags; empty for an untagged image
 * @param os the OS it is built on, e.g. {@code Debian GNU/Linux 12 (bookworm)}; empty when none
 * @param packages how many packages were catalogued
 * @param ecosystems the package ecosystems found, e.g. {@code Debian:12}, {@code Maven}
 * @param vulnerabilities one finding per vulnerable package and vulnerability
 * @param summary the vulnerabilities in numbers
 * @param signature what the trust policy says
 * @param fromCache true when the catalogue came from the layer cache (the image was not read)
 * @param error why the image could not be scanned, or null when it was
 */
public record ImageResult(
    String id,
    List<String> tags,
    String os,
    int packages,
    List<String> ecosystems,
    List<Finding> vulnerabilities,
    VulnSummary summary,
    SignatureStatus signature,
    boolean fromCache,
    @Nullable String error) {

  /** Copies and validates. */
  public ImageResult {
    Objects.requireNonNull(id, "id");
    tags = List.copyOf(tags);
    Objects.requireNonNull(os, "os");
    ecosystems = List.copyOf(ecosystems);
    vulnerabilities = List.copyOf(vulnerabilities);
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(signature, "signature");
  }

  /** {@return the first tag, or the short ID for an untagged image} */
  public String name() {
    return tags.isEmpty() ? shortId(id) : tags.getFirst();
  }

  static String shortId(String id) {
    String hex = id.startsWith("sha256:") ? id.substring("sha256:".length()) : id;
    return hex.length() <= 12 ? hex : hex.substring(0, 12);
  }
}
