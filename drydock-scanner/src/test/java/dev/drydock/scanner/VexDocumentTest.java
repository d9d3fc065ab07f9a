package dev.drydock.scanner;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VexDocumentTest {
  private static final String IMAGE =
      "pkg:oci/app@sha256%3A9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  static VexDocument load(String name) throws VexException {
    return VexDocument.parse(Fixtures.bytes("vex/" + name), name);
  }

  @Test
  void readsEveryFieldOfAVersion020Document() throws VexException {
    VexDocument doc = load("app-v020.json");

    assertThat(doc.context()).isEqualTo("https://openvex.dev/ns/v0.2.0");
    assertThat(doc.id()).isEqualTo("https://example.com/vex/app-2024-06-01");
    assertThat(doc.author()).startsWith("Example Platform Security");
    assertThat(doc.timestamp()).isEqualTo(Instant.parse("2024-06-01T10:00:00Z"));
    assertThat(doc.version()).isEqualTo(2);
    assertThat(doc.source()).isEqualTo("app-v020.json");
    assertThat(doc.statements()).hasSize(6);

    VexStatement first = doc.statements().get(0);
    assertThat(first.index()).isZero();
    assertThat(first.vulnerability()).isEqualTo("CVE-2023-5363");
    assertThat(first.aliases()).isEmpty();
    assertThat(first.status()).isEqualTo(VexStatus.NOT_AFFECTED);
    assertThat(first.justification())
        .isEqualTo(VexJustification.VULNERABLE_CODE_NOT_IN_EXECUTE_PATH);
    assertThat(first.impactStatement()).contains("EVP_EncryptInit_ex2");
    assertThat(first.timestamp()).isNull();
    assertThat(first.products())
        .containsExactly(
            new VexProduct(
                IMAGE + "?repository_url=registry.example.com/team/app",
                List.of("pkg:deb/debian/openssl@3.0.11-1~deb12u1?arch=amd64&distro=debian-12")));

    VexStatement second = doc.statements().get(1);
    assertThat(second.aliases()).containsExactly("CVE-2022-42003");
    assertThat(second.status()).isEqualTo(VexStatus.FIXED);
    assertThat(second.justification()).isNull();
    assertThat(second.actionStatement()).startsWith("Patched build");
    assertThat(second.timestamp()).isEqualTo(Instant.parse("2024-06-01T11:00:00Z"));

    assertThat(doc.statements().stream().map(VexStatement::status))
        .containsExactly(
            VexStatus.NOT_AFFECTED,
            VexStatus.FIXED,
            VexStatus.AFFECTED,
            VexStatus.UNDER_INVESTIGATION,
            VexStatus.NOT_AFFECTED,
            VexStatus.NOT_AFFECTED);
  }

  @Test
  void readsTheLegacyStringForms() throws VexException {
    VexDocument doc = load("legacy-v001.json");

    assertThat(doc.version()).isEqualTo(1);
    assertThat(doc.timestamp()).isEqualTo(Instant.parse("2023-01-17T02:41:55.708329108Z"));
    VexStatement s = doc.statements().getFirst();
    assertThat(s.vulnerability()).isEqualTo("CVE-2022-39046");
    assertThat(s.products())
        .containsExactly(new VexProduct("pkg:apk/alpine/musl@1.2.3-r4", List.of()));
    assertThat(s.justification()).isEqualTo(VexJustification.COMPONENT_NOT_PRESENT);
  }

  @Test
  void acceptsAProductKnownOnlyByItsPurlIdentifier() throws VexException {
    String json =
        doc(
            """
            {"vulnerability": {"name": "CVE-2024-1"}, "status": "fixed",
             "products": [{"identifiers": {"purl": "pkg:npm/a@1"},
                           "subcomponents": ["pkg:npm/b@2"]}]}""");
    VexStatement s = VexDocument.parse(json.getBytes(UTF_8), "ids.json").statements().getFirst();
    assertThat(s.products()).containsExactly(new VexProduct("pkg:npm/a@1", List.of("pkg:npm/b@2")));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          malformed/missing-justification.json | statement 1 | not_affected without a justification
          malformed/unknown-status.json        | statement 0 | status "false_positive" is not one of
          malformed/wrong-context.json         | wrong-context.json:                 | @context is "https://www.w3.org/ns/csaf"
          malformed/not-json.json              | not-json.json:                      | not valid JSON
          """)
  void rejectsMalformedDocumentsNamingFileAndStatement(String file, String where, String problem) {
    assertThatThrownBy(() -> load(file))
        .isInstanceOf(VexException.class)
        .hasMessageContaining(file)
        .hasMessageContaining(where)
        .hasMessageContaining(problem)
        .hasMessageContaining("OpenVEX spec");
  }

  @Test
  void rejectsADocumentOverTheSizeCapBeforeParsing() {
    byte[] big = new byte[VexDocument.MAX_BYTES + 1];
    Arrays.fill(big, (byte) ' ');
    assertThatThrownBy(() -> VexDocument.parse(big, "big.json"))
        .isInstanceOf(VexException.class)
        .hasMessageContaining("big.json")
        .hasMessageContaining("over the limit of " + VexDocument.MAX_BYTES);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"vulnerability": {"name": "CVE-1"}, "products": ["p"], "status": "fixed", "justification": "because"} | justification "because" is not one of
          {"vulnerability": {}, "products": ["p"], "status": "fixed"}                       | name is missing
          {"vulnerability": 7, "products": ["p"], "status": "fixed"}                        | vulnerability is missing or not an object or string
          {"vulnerability": "CVE-1", "status": "fixed"}                                     | products is missing
          {"vulnerability": "CVE-1", "products": "p", "status": "fixed"}                    | products is not an array
          {"vulnerability": "CVE-1", "products": [{"subcomponents": []}], "status": "fixed"} | products[] has neither @id nor identifiers.purl
          {"vulnerability": "CVE-1", "products": [1], "status": "fixed"}                    | products[] is not an object or string
          {"vulnerability": "CVE-1", "products": ["p"]}                                     | status is missing
          {"vulnerability": "CVE-1", "products": ["p"], "status": "fixed", "timestamp": "yesterday"} | timestamp "yesterday" is not an RFC 3339 date-time
          {"vulnerability": {"name": "CVE-1", "aliases": [3]}, "products": ["p"], "status": "fixed"} | vulnerability.aliases[] is not a string
          "CVE-1"                                                                           | expected a JSON object
          """)
  void rejectsBadStatements(String statement, String problem) {
    assertThatThrownBy(() -> VexDocument.parse(doc(statement).getBytes(UTF_8), "s.json"))
        .isInstanceOf(VexException.class)
        .hasMessageContaining("s.json (statement 0)")
        .hasMessageContaining(problem)
        .satisfies(e -> assertThat(((VexException) e).statement()).isZero())
        .satisfies(e -> assertThat(((VexException) e).source()).isEqualTo("s.json"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          []                                                                 | expected a JSON object
          {"@context": "https://openvex.dev/ns"}                             | @id is missing
          {"@context": 5}                                                    | @context is not a string
          {"@context": "https://openvex.dev/ns", "@id": "x", "author": "a", "timestamp": "2024-01-01T00:00:00Z"} | version is missing
          {"@context": "https://openvex.dev/ns", "@id": "x", "author": "a", "timestamp": "2024-01-01T00:00:00Z", "version": 0} | version 0 is not a positive integer
          {"@context": "https://openvex.dev/ns", "@id": "x", "author": "a", "timestamp": "2024-01-01T00:00:00Z", "version": 1.5} | version is not an integer
          {"@context": "https://openvex.dev/ns", "@id": "x", "author": "a", "timestamp": "2024-01-01T00:00:00Z", "version": 1} | statements is missing or not an array
          {"@context": "https://openvex.dev/ns", "@id": "x", "@id": "y"}     | not valid JSON
          """)
  void rejectsBadDocuments(String json, String problem) {
    assertThatThrownBy(() -> VexDocument.parse(json.getBytes(UTF_8), "d.json"))
        .isInstanceOf(VexException.class)
        .hasMessageContaining("d.json:")
        .hasMessageContaining(problem)
        .satisfies(e -> assertThat(((VexException) e).statement()).isNull());
  }

  @Test
  void rejectsMoreStatementsThanTheCap() {
    String many = "{},".repeat(VexDocument.MAX_STATEMENTS) + "{}";
    assertThatThrownBy(() -> VexDocument.parse(doc(many).getBytes(UTF_8), "many.json"))
        .isInstanceOf(VexException.class)
        .hasMessageContaining("100001 statements, over the limit of 100000");
  }

  @Test
  void statusAndJustificationLabelsAreTheSpecOnes() {
    assertThat(Arrays.stream(VexStatus.values()).map(VexStatus::label))
        .containsExactly("not_affected", "affected", "fixed", "under_investigation");
    assertThat(Arrays.stream(VexStatus.values()).filter(VexStatus::suppresses))
        .containsExactly(VexStatus.NOT_AFFECTED, VexStatus.FIXED);
    assertThat(VexJustification.of("inline_mitigations_already_exist"))
        .isEqualTo(VexJustification.INLINE_MITIGATIONS_ALREADY_EXIST);
    assertThat(VexJustification.of("INLINE_MITIGATIONS_ALREADY_EXIST")).isNull();
  }

  static String doc(String statements) {
    return """
        {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.com/t",
         "author": "t", "timestamp": "2024-01-01T00:00:00Z", "version": 1,
         "statements": [STATEMENTS]}"""
        .replace("STATEMENTS", statements);
  }
}
