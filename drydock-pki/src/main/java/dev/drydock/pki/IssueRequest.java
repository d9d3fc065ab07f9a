package dev.drydock.pki;

import dev.drydock.model.InvalidValueException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What to put in a new leaf certificate. Build one with {@link #server(String)} or {@link
 * #client(String)}.
 *
 * @param kind server or client
 * @param commonName the subject CN; also the default output directory's name
 * @param sans the subject alternative names; a server certificate needs at least one DNS name or IP
 *     address (URIs may come in addition), because TLS clients check the host they dialled against
 *     those and ignore the common name
 * @param organisationalUnits the subject OUs, which drydock reads as roles or groups
 * @param keyAlgorithm the type of the new key
 * @param days the validity in days from now, used when {@code window} is null
 * @param window an explicit validity window, or null to derive it from the CA's clock
 */
public record IssueRequest(
    CertificateKind kind,
    String commonName,
    List<SubjectAltName> sans,
    List<String> organisationalUnits,
    KeyAlgorithm keyAlgorithm,
    int days,
    @Nullable Validity window) {

  /** Validates the name, the roles and the validity against the limits of {@code kind}. */
  public IssueRequest {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(keyAlgorithm, "keyAlgorithm");
    Names.checkCommonName(commonName);
    sans = List.copyOf(new LinkedHashSet<>(sans));
    organisationalUnits = List.copyOf(organisationalUnits);
    organisationalUnits.forEach(ou -> Names.checkSubjectPart("organisational unit", ou));
    if (days <= 0 || days > kind.maxDays()) {
      throw new InvalidValueException(
          "validity in days",
          Integer.toString(days),
          "a "
              + kind.name().toLowerCase(Locale.ROOT)
              + " certificate is valid for 1 to "
              + kind.maxDays()
              + " days");
    }
    if (window != null && window.length().compareTo(Duration.ofDays(kind.maxDays())) > 0) {
      throw new InvalidValueException(
          "validity", window.toString(), "is longer than " + kind.maxDays() + " days");
    }
    if (kind == CertificateKind.SERVER && sans.stream().noneMatch(IssueRequest::namesHost)) {
      throw new InvalidValueException(
          "server certificate " + commonName,
          sans.stream().map(SubjectAltName::toString).collect(Collectors.joining(",")),
          "needs a DNS or IP subject alternative name (a URI alone does not do): TLS clients"
              + " check the host they dialled against those and ignore the common name");
    }
  }

  private static boolean namesHost(SubjectAltName name) {
    return switch (name) {
      case SubjectAltName.Dns _, SubjectAltName.Ip _ -> true;
      case SubjectAltName.Uri _ -> false;
    };
  }

  /** {@return a builder for a server certificate named {@code commonName}} */
  public static Builder server(String commonName) {
    return new Builder(CertificateKind.SERVER, commonName);
  }

  /** {@return a builder for a client certificate named {@code commonName}} */
  public static Builder client(String commonName) {
    return new Builder(CertificateKind.CLIENT, commonName);
  }

  /** Collects the optional parts of a request; {@link #build()} validates them. */
  public static final class Builder {
    private final CertificateKind kind;
    private final String commonName;
    private final List<SubjectAltName> sans = new ArrayList<>();
    private final List<String> organisationalUnits = new ArrayList<>();
    private KeyAlgorithm keyAlgorithm = KeyAlgorithm.EC_P256;
    private int days;
    private @Nullable Validity window;

    private Builder(CertificateKind kind, String commonName) {
      this.kind = kind;
      this.commonName = commonName;
      this.days = kind.defaultDays();
    }

    /** Adds subject alternative names in the forms {@link SubjectAltName#parse} accepts. */
    public Builder sans(String... names) {
      for (String name : names) {
        sans.add(SubjectAltName.parse(name));
      }
      return this;
    }

    /** Adds subject alternative names. */
    public Builder sans(List<SubjectAltName> names) {
      sans.addAll(names);
      return this;
    }

    /** Adds organisational units (roles or groups) to the subject. */
    public Builder organisationalUnits(String... units) {
      organisationalUnits.addAll(List.of(units));
      return this;
    }

    /** Sets the type of the new key; ECDSA P-256 unless set. */
    public Builder keyAlgorithm(KeyAlgorithm algorithm) {
      this.keyAlgorithm = Objects.requireNonNull(algorithm, "algorithm");
      return this;
    }

    /** Sets the validity in days from now. */
    public Builder days(int validityDays) {
      this.days = validityDays;
      return this;
    }

    /** Sets an explicit validity window, e.g. one already over, for tests. */
    public Builder validity(Instant notBefore, Instant notAfter) {
      this.window = new Validity(notBefore, notAfter);
      return this;
    }

    /**
     * Builds the request. A server request without names gets its common name as a DNS name when
     * the common name is a valid host name.
     *
     * @throws InvalidValueException naming the part that is invalid
     */
    public IssueRequest build() {
      List<SubjectAltName> names = new ArrayList<>(sans);
      if (kind == CertificateKind.SERVER && names.isEmpty() && isHostName(commonName)) {
        names.add(new SubjectAltName.Dns(commonName));
      }
      return new IssueRequest(
          kind, commonName, names, organisationalUnits, keyAlgorithm, days, window);
    }

    private static boolean isHostName(String name) {
      try {
        new SubjectAltName.Dns(name);
        return true;
      } catch (InvalidValueException e) {
        return false;
      }
    }
  }
}
