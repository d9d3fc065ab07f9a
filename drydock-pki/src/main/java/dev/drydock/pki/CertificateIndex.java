package dev.drydock.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The index of issued certificates: a UTF-8 text file with one tab-separated line per certificate,
 * in the spirit of OpenSSL's {@code index.txt}, always replaced atomically.
 *
 * <pre>
 * # drydock pki index 1
 * # serial  kind  notBefore  notAfter  revokedAt  reason  subject  sans
 * 7F3A…    SERVER  2026-01-01T00:00:00Z  2027-02-02T00:00:00Z  -  -  CN=registry,O=drydock  DNS:registry IP:10.0.0.5
 * </pre>
 *
 * <p>Instants are ISO-8601 UTC in whole seconds, the precision of X.509 and CRL dates; older
 * entries with fractions of a second are still read, and rounded down to the second.
 *
 * <p>Subjects and names cannot hold tabs or newlines (requests reject control characters), and
 * subject alternative names cannot hold spaces, so the separators are unambiguous. Status is not
 * stored: it is computed from the dates and the revocation when read.
 */
final class CertificateIndex {
  static final String HEADER =
      """
      # drydock pki index 1
      # serial\tkind\tnotBefore\tnotAfter\trevokedAt\treason\tsubject\tsans
      """;
  private static final String NONE = "-";
  private static final int FIELDS = 8;
  private static final long MAX_BYTES = 256L << 20;

  private CertificateIndex() {}

  /** {@return the records in {@code file} with their status as of {@code now}; none if absent} */
  static List<CertificateRecord> read(Path file, Instant now) throws PkiException {
    String text;
    try {
      text = new String(SecureFiles.readLimited(file, MAX_BYTES), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new PkiException("Could not read the certificate index " + file + ": " + e, e);
    }
    List<CertificateRecord> records = new ArrayList<>();
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!line.isBlank() && !line.startsWith("#")) {
        records.add(parse(file, i + 1, line, now));
      }
    }
    return records;
  }

  /** Replaces {@code file} atomically with {@code records}. */
  static void write(Path file, List<CertificateRecord> records) throws PkiException {
    StringBuilder text = new StringBuilder(HEADER);
    for (CertificateRecord record : records) {
      text.append(format(record)).append('\n');
    }
    SecureFiles.writeAtomically(file, text.toString().getBytes(StandardCharsets.UTF_8), false);
  }

  static String format(CertificateRecord record) {
    Revocation revocation = record.revocation();
    String sans =
        record.sans().isEmpty()
            ? NONE
            : record.sans().stream().map(SubjectAltName::toString).collect(Collectors.joining(" "));
    return String.join(
        "\t",
        record.serial().hex(),
        record.kind().name(),
        format(record.notBefore()),
        format(record.notAfter()),
        revocation == null ? NONE : format(revocation.revokedAt()),
        revocation == null ? NONE : revocation.reason().name(),
        record.subject(),
        sans);
  }

  private static CertificateRecord parse(Path file, int lineNumber, String line, Instant now)
      throws PkiException {
    String[] fields = line.split("\t", -1);
    if (fields.length != FIELDS) {
      throw corrupt(
          file, lineNumber, FIELDS + " tab-separated fields, found " + fields.length, null);
    }
    try {
      Revocation revocation =
          fields[4].equals(NONE)
              ? null
              : new Revocation(parseInstant(fields[4]), RevocationReason.valueOf(fields[5]));
      List<SubjectAltName> sans = new ArrayList<>();
      if (!fields[7].equals(NONE)) {
        for (String san : fields[7].split(" ", -1)) {
          sans.add(SubjectAltName.parse(san));
        }
      }
      Instant notAfter = parseInstant(fields[3]);
      return new CertificateRecord(
          SerialNumber.parse(fields[0]),
          fields[6],
          CertificateKind.valueOf(fields[1]),
          sans,
          parseInstant(fields[2]),
          notAfter,
          CertificateStatus.of(revocation, notAfter, now),
          revocation);
    } catch (DateTimeException | IllegalArgumentException e) {
      throw corrupt(file, lineNumber, "valid fields (" + e.getMessage() + ")", e);
    }
  }

  /** {@return {@code instant} in the index's precision, whole seconds} */
  static Instant seconds(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS);
  }

  private static String format(Instant instant) {
    return seconds(instant).toString();
  }

  private static Instant parseInstant(String text) {
    return seconds(Instant.parse(text));
  }

  private static PkiException corrupt(
      Path file, int lineNumber, String expected, @Nullable Exception e) {
    return new PkiException(
        "The certificate index "
            + file
            + " is damaged at line "
            + lineNumber
            + ": expected "
            + expected
            + ". Restore it from a backup; certs/ holds a copy of every issued certificate.",
        e);
  }
}
