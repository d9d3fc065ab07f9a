package dev.drydock.scanner;

import dev.drydock.model.Digest;
import dev.drydock.model.ImageRef;
import dev.drydock.model.InvalidValueException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The image an SBOM describes, and who made the SBOM when.
 *
 * @param imageRef the image as the user named it: a reference ({@code debian:12}), an archive or a
 *     directory path
 * @param imageId the image ID, the digest of its config
 * @param manifestDigest the digest of its manifest when known (a registry or an OCI layout gives
 *     one; an image only built locally has none); the image's {@code pkg:oci} purl needs it
 * @param osName the operating system's {@code os-release} ID ({@code debian}, {@code alpine}), or
 *     null when none was detected
 * @param osVersion its {@code VERSION_ID}, or null (blank OS and architecture texts become null)
 * @param architecture the image's platform architecture ({@code amd64}, {@code arm64}), or null
 * @param created when the SBOM was made, truncated to whole seconds (both formats write seconds);
 *     take it from an injected {@link Clock}, see {@link #of}
 * @param toolName the producing tool's name, e.g. {@code drydock}
 * @param toolVersion the producing tool's version
 */
public record SbomSubject(
    String imageRef,
    Digest imageId,
    @Nullable Digest manifestDigest,
    @Nullable String osName,
    @Nullable String osVersion,
    @Nullable String architecture,
    Instant created,
    String toolName,
    String toolVersion) {

  /** Checks the fields and truncates {@code created} to seconds. */
  public SbomSubject {
    require("image reference", imageRef);
    Objects.requireNonNull(imageId, "imageId");
    osName = blankToNull(osName);
    osVersion = blankToNull(osVersion);
    architecture = blankToNull(architecture);
    created = Objects.requireNonNull(created, "created").truncatedTo(ChronoUnit.SECONDS);
    require("tool name", toolName);
    require("tool version", toolVersion);
  }

  /** {@return a subject whose creation time is read from {@code clock}} */
  public static SbomSubject of(
      String imageRef,
      Digest imageId,
      @Nullable Digest manifestDigest,
      @Nullable String osName,
      @Nullable String osVersion,
      @Nullable String architecture,
      Clock clock,
      String toolName,
      String toolVersion) {
    return new SbomSubject(
        imageRef,
        imageId,
        manifestDigest,
        osName,
        osVersion,
        architecture,
        clock.instant(),
        toolName,
        toolVersion);
  }

  /**
   * {@return the image's {@code pkg:oci} purl, or null without a manifest digest}: the purl type
   * requires the manifest digest as version; an image ID is not one. When {@link #imageRef} is a
   * registry reference its repository and tag become the {@code repository_url} and {@code tag}
   * qualifiers.
   */
  public @Nullable String purl() {
    Digest digest = manifestDigest;
    if (digest == null) {
      return null;
    }
    ImageRef ref = parsedRef();
    if (ref == null) {
      return Purls.oci(imageRef, digest, null, null, architecture);
    }
    return Purls.oci(
        ref.repository(), digest, ref.registry() + "/" + ref.repository(), ref.tag(), architecture);
  }

  /** {@return the image reference parsed, or null when it is a path or otherwise not one} */
  @Nullable ImageRef parsedRef() {
    if (imageRef.startsWith("/") || imageRef.startsWith(".")) {
      return null;
    }
    try {
      return ImageRef.parse(imageRef);
    } catch (InvalidValueException e) {
      return null;
    }
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static void require(String what, String value) {
    Objects.requireNonNull(value, what);
    if (value.isBlank()) {
      throw new InvalidValueException(what, value, "expected non-blank text");
    }
  }
}
