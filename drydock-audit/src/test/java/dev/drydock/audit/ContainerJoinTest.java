package dev.drydock.audit;

import static dev.drydock.audit.Fixtures.cis;
import static dev.drydock.audit.Fixtures.image;
import static dev.drydock.audit.Fixtures.vuln;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.engine.ContainerDetails;
import dev.drydock.model.Finding;
import dev.drydock.model.Severity;
import dev.drydock.model.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerJoinTest {
  private static final String VULNERABLE = "sha256:" + "1".repeat(64);
  private static final String CLEAN = "sha256:" + "2".repeat(64);
  private static final String SIGNED_VULNERABLE = "sha256:" + "3".repeat(64);

  private static final SignatureStatus UNSIGNED =
      new SignatureStatus(SignatureStatus.State.UNSIGNED, "NO_SIGNATURE: the image is unsigned");
  private static final SignatureStatus PROD =
      new SignatureStatus(SignatureStatus.State.SIGNED_PROD, "signed by release (cosign)");

  private static Map<String, ImageResult> images() {
    List<Finding> vulns =
        List.of(
            vuln("CVE-2099-0001", Severity.CRITICAL, "openssl", true, "Debian"),
            vuln("CVE-2099-0002", Severity.HIGH, "zlib", false, "Debian"));
    return Map.of(
        VULNERABLE, image(VULNERABLE, "shop:1", vulns, UNSIGNED),
        SIGNED_VULNERABLE, image(SIGNED_VULNERABLE, "shop:2", vulns, PROD),
        CLEAN, image(CLEAN, "proxy:1", List.of(), UNSIGNED));
  }

  @Test
  void privilegedContainerOfAVulnerableUnsignedImage_ranksFirst() {
    ContainerDetails web =
        new Fixtures.Container("web", 'a').image("shop:1", VULNERABLE).privileged().build();
    ContainerDetails db =
        new Fixtures.Container("db", 'b').image("shop:2", SIGNED_VULNERABLE).build();
    ContainerDetails sameImageUnprivileged =
        new Fixtures.Container("worker", 'c').image("shop:1", VULNERABLE).build();
    ContainerDetails proxy =
        new Fixtures.Container("proxy", 'd')
            .image("proxy:1", CLEAN)
            .port("80/tcp", "", "80")
            .hostNetwork()
            .build();
    List<Finding> bench =
        List.of(
            cis("5.5", Severity.HIGH, Status.FAIL, "container web (" + "a".repeat(12) + ")"),
            cis("5.5", Severity.HIGH, Status.PASS, "container db (" + "b".repeat(12) + ")"),
            cis("5.10", Severity.MEDIUM, Status.FAIL, "container proxy (" + "d".repeat(12) + ")"));

    List<ContainerRisk> ranked =
        ContainerJoin.join(
            List.of(proxy, db, sameImageUnprivileged, web),
            bench,
            images(),
            SignatureStatus.notChecked("none"));

    assertThat(ranked)
        .extracting(ContainerRisk::name)
        .containsExactly("web", "worker", "proxy", "db");
    ContainerRisk first = ranked.getFirst();
    assertThat(first.exposure().privileged()).isTrue();
    assertThat(first.misconfigurations()).extracting(Finding::ruleId).containsExactly("cis-5.5");
    assertThat(first.vulnerabilities().count(Severity.CRITICAL)).isEqualTo(1);
    assertThat(first.vulnerabilities().fixable()).isEqualTo(1);
    assertThat(first.vulnerabilities().worst())
        .extracting(Finding::ruleId)
        .isEqualTo("CVE-2099-0001");
    assertThat(first.signature().state()).isEqualTo(SignatureStatus.State.UNSIGNED);
    // 20 privileged + (10 + 4 + 5 fixable worst) + 3 high CIS failure + 10 unsigned
    assertThat(first.score().total()).isEqualTo(52);
    assertThat(ranked.get(1).score().total()).isEqualTo(29);
    // 5 public port + 5 host network + 1.5 medium CIS failure + 10 unsigned = 21.5
    assertThat(ranked.get(2).score().total()).isEqualTo(22);
    assertThat(ranked.get(2).exposure().publishedPorts()).containsExactly("0.0.0.0:80->80/tcp");
    assertThat(ranked.get(2).exposure().hostNamespaces()).containsExactly("network");
    // The passing CIS result is not a misconfiguration; prod signatures add nothing.
    assertThat(ranked.get(3).misconfigurations()).isEmpty();
    assertThat(ranked.get(3).score().total()).isEqualTo(19);
  }

  @Test
  void containerOfAnUnscannedImage_getsTheGivenSignatureAndNoVulnerabilities() {
    ContainerDetails orphan =
        new Fixtures.Container("orphan", 'e').image("gone:1", "sha256:" + "9".repeat(64)).build();
    List<ContainerRisk> ranked = ContainerJoin.join(List.of(orphan), List.of(), images(), UNSIGNED);
    assertThat(ranked.getFirst().vulnerabilities().total()).isZero();
    assertThat(ranked.getFirst().signature()).isEqualTo(UNSIGNED);
    assertThat(ranked.getFirst().score().total()).isEqualTo(10);
  }

  @Test
  void ties_areBrokenByExposureThenName() {
    ContainerDetails b = new Fixtures.Container("b", 'b').image("proxy:1", CLEAN).build();
    ContainerDetails a = new Fixtures.Container("a", 'a').image("proxy:1", CLEAN).build();
    List<ContainerRisk> ranked = ContainerJoin.join(List.of(b, a), List.of(), images(), UNSIGNED);
    assertThat(ranked).extracting(ContainerRisk::name).containsExactly("a", "b");
    assertThat(ranked.getFirst().subject()).isEqualTo("container a (" + "a".repeat(12) + ")");
  }
}
