package dev.drydock.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateIndexTest {
  private static final Instant NB = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant NA = Instant.parse("2027-01-01T00:00:00Z");
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  @TempDir Path tmp;

  @Test
  void writeThenRead_records_roundTripWithStatus() throws Exception {
    CertificateRecord valid = record("0A1B", null);
    CertificateRecord revoked =
        record("FF00", new Revocation(NOW.minusSeconds(60), RevocationReason.SUPERSEDED));
    Path file = tmp.resolve("index.tsv");

    CertificateIndex.write(file, List.of(valid, revoked));

    assertThat(CertificateIndex.read(file, NOW)).containsExactly(valid, revoked);
    assertThat(CertificateIndex.read(file, NA.plusSeconds(1)).getFirst().status())
        .isEqualTo(CertificateStatus.EXPIRED);
  }

  @Test
  void format_record_isTabSeparatedLine() {
    assertThat(CertificateIndex.format(record("0A1B", null)))
        .isEqualTo(
            "A1B\tSERVER\t2026-01-01T00:00:00Z\t2027-01-01T00:00:00Z\t-\t-\t"
                + "CN=web\\,1,OU=ops,O=drydock\tDNS:web IP:10.0.0.1");
  }

  @Test
  void format_instantsWithFractions_writesWholeSeconds() {
    Revocation revocation = new Revocation(NOW.plusNanos(123_456_789), RevocationReason.SUPERSEDED);
    CertificateRecord record =
        new CertificateRecord(
            SerialNumber.parse("01"),
            "CN=a",
            CertificateKind.CLIENT,
            List.of(),
            NB.plusMillis(250),
            NA.plusNanos(1),
            CertificateStatus.REVOKED,
            revocation);

    assertThat(CertificateIndex.format(record))
        .isEqualTo(
            "1\tCLIENT\t2026-01-01T00:00:00Z\t2027-01-01T00:00:00Z\t2026-06-01T00:00:00Z"
                + "\tSUPERSEDED\tCN=a\t-");
  }

  @Test
  void read_oldEntryWithFractions_readsWholeSeconds() throws Exception {
    Path file = tmp.resolve("index.tsv");
    Files.writeString(
        file,
        CertificateIndex.HEADER
            + "0A\tCLIENT\t2026-01-01T00:00:00Z\t2027-01-01T00:00:00Z"
            + "\t2026-05-01T10:20:30.123456789Z\tKEY_COMPROMISE\tCN=old\t-\n");

    CertificateRecord record = CertificateIndex.read(file, NOW).getFirst();

    assertThat(record.revocation())
        .isEqualTo(
            new Revocation(Instant.parse("2026-05-01T10:20:30Z"), RevocationReason.KEY_COMPROMISE));
    assertThat(record.status()).isEqualTo(CertificateStatus.REVOKED);
  }

  @Test
  void read_missingFile_isEmpty() throws Exception {
    assertThat(CertificateIndex.read(tmp.resolve("none.tsv"), NOW)).isEmpty();
  }

  @Test
  void read_damagedLine_throwsNamingFileAndLine() throws Exception {
    Path file = tmp.resolve("index.tsv");
    Files.writeString(
        file,
        CertificateIndex.HEADER
            + CertificateIndex.format(record("01", null))
            + "\n"
            + "02\tSERVER\tnot-a-date\n");
    assertThatThrownBy(() -> CertificateIndex.read(file, NOW))
        .isInstanceOf(PkiException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("line 4");
  }

  @Test
  void read_badFieldValue_throws() throws Exception {
    Path file = tmp.resolve("index.tsv");
    Files.writeString(
        file, CertificateIndex.format(record("01", null)).replace("SERVER", "BOTH") + "\n");
    assertThatThrownBy(() -> CertificateIndex.read(file, NOW))
        .isInstanceOf(PkiException.class)
        .hasMessageContaining("line 1");
  }

  private static CertificateRecord record(String serial, @Nullable Revocation revocation) {
    return new CertificateRecord(
        SerialNumber.parse(serial),
        "CN=web\\,1,OU=ops,O=drydock",
        CertificateKind.SERVER,
        List.of(SubjectAltName.parse("web"), SubjectAltName.parse("10.0.0.1")),
        NB,
        NA,
        CertificateStatus.of(revocation, NA, NOW),
        revocation);
  }
}
