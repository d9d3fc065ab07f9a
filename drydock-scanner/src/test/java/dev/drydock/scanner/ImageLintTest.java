package dev.drydock.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Digest;
import dev.drydock.model.Finding;
import dev.drydock.model.Severity;
import dev.drydock.model.Status;
import dev.drydock.oci.ArchiveLimits;
import dev.drydock.oci.FileEntry;
import dev.drydock.oci.FileType;
import dev.drydock.oci.Image;
import dev.drydock.oci.ImageConfig;
import dev.drydock.oci.ImageFilesystem;
import dev.drydock.oci.OciException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageLintTest {
  // Fake credentials of the right shapes; none may ever appear in a finding.
  static final String AWS_KEY = "AKIAIOSFODNN7EXAMPLE";
  static final String GH_TOKEN = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
  static final String SLACK = "xoxb-1234567890-abcdefghijk";
  static final String PASSWORD = "hunter2-Very-Secret";
  static final String MYSQL_PW = "S3cr3tMysql";
  static final String BEARER = "eyJhbGciOiJIUzI1NiJ9.c2VjcmV0";
  static final String URL_PW = "urlpass99";
  static final String PEM_BODY = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC";
  static final List<String> SECRETS =
      List.of(AWS_KEY, GH_TOKEN, SLACK, PASSWORD, MYSQL_PW, BEARER, URL_PW, PEM_BODY);

  private static final Digest LAYER = Digest.sha256(new byte[32]);
  private static final ImageLintFiles.Content NO_CONTENT = paths -> Map.of();

  static ImageConfig config(String runConfig, String history) throws Exception {
    String json =
        "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\","
            + "\"diff_ids\":[]},\"config\":{"
            + runConfig
            + "},\"history\":["
            + history
            + "]}";
    return ImageConfig.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  static String run(String command) {
    return "{\"created_by\":\"" + command.replace("\"", "\\\"") + "\"}";
  }

  static String env(String... entries) {
    return "\"Env\":[\"" + String.join("\",\"", entries) + "\"]";
  }

  static Finding rule(List<Finding> findings, String id) {
    return findings.stream().filter(f -> f.ruleId().equals(id)).findFirst().orElseThrow();
  }

  static List<Finding> lint(String ref, ImageConfig c, List<FileEntry> files) {
    return ImageLint.check(ref, c, files, NO_CONTENT);
  }

  static FileEntry file(String path, int mode) {
    return new FileEntry(path, FileType.FILE, mode, 10, null, 0, 0, LAYER, 0);
  }

  static final String SAFE =
      "\"User\":\"app\",\"Healthcheck\":{\"Test\":[\"CMD\",\"true\"]},"
          + env("PATH=/usr/bin", "DB_PASSWORD_FILE=/run/secrets/db", "TOKENIZERS_PARALLELISM=1")
          + ",\"Labels\":{\"org.opencontainers.image.title\":\"demo\"}";

  @Test
  void cleanImagePassesEveryRuleAndNamesTheSection() throws Exception {
    ImageConfig c =
        config(
            SAFE,
            run("/bin/sh -c apt-get update && apt-get install -y curl")
                + ","
                + run("COPY app /app # buildkit"));
    List<Finding> all = lint("example.com/app:1.2", c, List.of(file("/usr/bin/ls", 0755)));
    assertThat(all).hasSize(10);
    assertThat(all).allSatisfy(f -> assertThat(f.status()).as(f.ruleId()).isEqualTo(Status.PASS));
    assertThat(all)
        .allSatisfy(
            f -> {
              assertThat(f.ruleId()).startsWith("lint-");
              assertThat(f.subject()).isEqualTo("example.com/app:1.2");
              assertThat(f.properties()).containsEntry("section", "Image configuration");
              assertThat(f.evidence()).isNotBlank();
              assertThat(f.remediation()).isNotBlank();
            });
  }

  @Test
  void rootUserFailsForEveryRootSpelling() throws Exception {
    for (String user : List.of("", "root", "0", "0:0", "root:root", " root ")) {
      Finding f =
          rule(lint("a:1", config("\"User\":\"" + user + "\"", ""), List.of()), "lint-root-user");
      assertThat(f.status()).as(user).isEqualTo(Status.FAIL);
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
      assertThat(f.properties()).containsEntry("cis", "4.1");
    }
    assertThat(rule(lint("a:1", config("", ""), List.of()), "lint-root-user").evidence())
        .contains("no USER");
    for (String user : List.of("app", "1000", "1000:1000", "nobody:root")) {
      assertThat(
              rule(
                      lint("a:1", config("\"User\":\"" + user + "\"", ""), List.of()),
                      "lint-root-user")
                  .status())
          .as(user)
          .isEqualTo(Status.PASS);
    }
  }

  @Test
  void missingOrDisabledHealthcheckFails() throws Exception {
    Finding none = rule(lint("a:1", config("", ""), List.of()), "lint-no-healthcheck");
    assertThat(none.status()).isEqualTo(Status.FAIL);
    assertThat(none.severity()).isEqualTo(Severity.LOW);
    Finding disabled =
        rule(
            lint("a:1", config("\"Healthcheck\":{\"Test\":[\"NONE\"]}", ""), List.of()),
            "lint-no-healthcheck");
    assertThat(disabled.status()).isEqualTo(Status.FAIL);
    assertThat(disabled.evidence()).contains("NONE");
    Finding set =
        rule(
            lint(
                "a:1",
                config("\"Healthcheck\":{\"Test\":[\"CMD-SHELL\",\"curl -f http://x/\"]}", ""),
                List.of()),
            "lint-no-healthcheck");
    assertThat(set.status()).isEqualTo(Status.PASS);
  }

  @Test
  void secretEnvFlagsNamesAndValueShapesWithoutValues() throws Exception {
    ImageConfig c =
        config(
            env(
                "DB_PASSWORD=" + PASSWORD,
                "HARMLESS=" + AWS_KEY,
                "my_api_key=" + PASSWORD,
                "GITHUB=" + GH_TOKEN,
                "SSL_KEY_PATH=/etc/key",
                "EMPTY_SECRET=",
                "HOME=/root"),
            "");
    Finding f = rule(lint("a:1", c, List.of()), "lint-secret-env");
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.severity()).isEqualTo(Severity.HIGH);
    assertThat(f.evidence())
        .contains("ENV DB_PASSWORD: the name suggests a secret")
        .contains("ENV HARMLESS: value looks like an AWS access key ID")
        .contains("ENV my_api_key")
        .contains("ENV GITHUB: value looks like a GitHub token")
        .doesNotContain("SSL_KEY_PATH", "EMPTY_SECRET", "HOME");
  }

  @Test
  void secretLabelsAreFlagged() throws Exception {
    ImageConfig c =
        config(
            "\"Labels\":{\"maintainer\":\"x@example.com\",\"deploy.token\":\""
                + PASSWORD
                + "\",\"notes\":\"hook "
                + SLACK
                + "\"}",
            "");
    Finding f = rule(lint("a:1", c, List.of()), "lint-secret-label");
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.evidence())
        .contains("LABEL deploy.token: the name suggests a secret")
        .contains("LABEL notes: value looks like a Slack token")
        .doesNotContain("maintainer");
    assertThat(rule(lint("a:1", config(SAFE, ""), List.of()), "lint-secret-label").status())
        .isEqualTo(Status.PASS);
  }

  @Test
  void secretHistoryNamesEntryLayerAndKind() throws Exception {
    String history =
        String.join(
            ",",
            "{\"created_by\":\"/bin/sh -c #(nop)  ENV X=1\",\"empty_layer\":true}",
            run("/bin/sh -c docker login --password " + PASSWORD + " reg.example.com"),
            run("/bin/sh -c mysql -u root -p" + MYSQL_PW + " < init.sql"),
            run("/bin/sh -c curl -H 'Authorization: Bearer " + BEARER + "' https://x/"),
            run("/bin/sh -c git clone https://bob:" + URL_PW + "@git.example.com/r.git"),
            run("/bin/sh -c echo " + AWS_KEY + " > /k"),
            run("/bin/sh -c echo $PW | docker login --password-stdin"));
    Finding f = rule(lint("a:1", config("", history), List.of()), "lint-secret-history");
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.evidence())
        .contains("history entry 1 (layer 0): holds a --password argument (value redacted)")
        .contains("history entry 2 (layer 1): holds a MySQL -p password argument")
        .contains("history entry 3 (layer 2): holds an Authorization header")
        .contains("history entry 4 (layer 3): holds a URL with embedded credentials")
        .contains("history entry 5 (layer 4): holds an AWS access key ID")
        .doesNotContain("entry 0", "entry 6");
  }

  @Test
  void setuidFilesAreListedWithCount() {
    List<FileEntry> files = new ArrayList<>();
    files.add(file("/usr/bin/passwd", 04755));
    files.add(file("/usr/bin/wall", 02755));
    files.add(file("/usr/bin/both", 06755));
    files.add(new FileEntry("/tmp", FileType.DIRECTORY, 01777, 0, null, 0, 0, LAYER, 0));
    files.add(new FileEntry("/data", FileType.DIRECTORY, 02775, 0, null, 0, 0, LAYER, 0));
    files.add(file("/usr/bin/ls", 0755));
    Finding f = ImageLintFiles.setuid("a:1", files);
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(f.properties()).containsEntry("cis", "4.8");
    assertThat(f.evidence())
        .startsWith("3 set-id file(s): ")
        .contains(
            "/usr/bin/passwd (setuid)", "/usr/bin/wall (setgid)", "/usr/bin/both (setuid+setgid)")
        .doesNotContain("/data", "/usr/bin/ls");
  }

  @Test
  void setuidEvidenceIsCappedAtTwentyPaths() {
    List<FileEntry> files = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      files.add(file("/bin/s" + (i < 10 ? "0" : "") + i, 04755));
    }
    Finding f = ImageLintFiles.setuid("a:1", files);
    assertThat(f.evidence()).startsWith("25 set-id file(s): 25 found, first 20: ");
    assertThat(f.evidence()).contains("/bin/s19").doesNotContain("/bin/s20");
  }

  @Test
  void addFromUrlFailsAndShowsOnlyTheHost() throws Exception {
    String history =
        run("/bin/sh -c #(nop) ADD https://user:" + URL_PW + "@dl.example.com/x.tgz in /opt")
            + ","
            + run("ADD --chown=1:1 http://files.example.org/a /a # buildkit")
            + ","
            + run("/bin/sh -c #(nop) ADD file:abc in /");
    Finding f = rule(lint("a:1", config("", history), List.of()), "lint-add-url");
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.evidence())
        .contains("history entry 0 (layer 0): ADD from https://dl.example.com")
        .contains("history entry 1 (layer 1): ADD from http://files.example.org")
        .doesNotContain("entry 2", "x.tgz", "user");
    assertThat(
            rule(
                    lint("a:1", config("", run("/bin/sh -c #(nop) ADD file:abc in /")), List.of()),
                    "lint-add-url")
                .status())
        .isEqualTo(Status.PASS);
  }

  @Test
  void updateWithoutInstallFails() throws Exception {
    String history =
        String.join(
            ",",
            run("/bin/sh -c apt-get update"),
            run("/bin/sh -c apk update"),
            run("RUN /bin/sh -c yum makecache # buildkit"),
            run("/bin/sh -c apt-get update && apt-get install -y curl"),
            run("/bin/sh -c apk update && apk --no-cache add curl"),
            run("/bin/sh -c apk add --update curl"));
    Finding f = rule(lint("a:1", config("", history), List.of()), "lint-update-alone");
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.evidence())
        .contains("entry 0 ", "entry 1 ", "entry 2 ")
        .doesNotContain("entry 3", "entry 4", "entry 5");
  }

  @Test
  void latestTagRule() {
    for (String ref :
        List.of("debian", "debian:latest", "reg:5000/team/app", "reg:5000/app:LATEST")) {
      assertThat(ImageLint.latestTag(ref).status()).as(ref).isEqualTo(Status.FAIL);
    }
    for (String ref :
        List.of(
            "debian:12",
            "reg:5000/app:1.0",
            "debian@sha256:" + "a".repeat(64),
            "debian:latest@sha256:" + "b".repeat(64))) {
      assertThat(ImageLint.latestTag(ref).status()).as(ref).isEqualTo(Status.PASS);
    }
  }

  @Test
  void secretFilesInARealImage(@TempDir Path dir) throws Exception {
    CatalogTestImage img = new CatalogTestImage();
    img.layer()
        .file("root/.ssh/id_rsa", "-----BEGIN OPENSSH PRIVATE KEY-----\n" + PEM_BODY + "\n")
        .file("root/.ssh/id_rsa.pub", "ssh-rsa AAAA")
        .file("etc/ssl/certs/ca.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n")
        .file("app/tls/server.key", "-----BEGIN RSA PRIVATE KEY-----\n" + PEM_BODY + "\n")
        .file("home/u/.npmrc", "//registry.npmjs.org/:_authToken=" + PASSWORD + "\n")
        .file("home/v/.npmrc", "registry=https://registry.npmjs.org/\n")
        .file("home/u/.docker/config.json", "{\"auths\":{\"r\":{\"auth\":\"" + PASSWORD + "\"}}}")
        .file("home/u/.aws/credentials", "[default]\naws_secret_access_key = " + PASSWORD + "\n");
    img.layer().file("srv/readme.txt", "hello");
    ImageConfig c = config(SAFE, "");
    List<Finding> all;
    try (Image image = img.open(dir.resolve("layout"))) {
      ImageFilesystem fs = ImageFilesystem.flatten(image, ArchiveLimits.defaults());
      all = ImageLint.check("app:1", c, fs);
    }
    Finding f = rule(all, "lint-secret-files");
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.evidence())
        .contains("/root/.ssh/id_rsa: SSH private key file")
        .contains("/app/tls/server.key: PEM private key")
        .contains("/home/u/.npmrc: npm config with an auth token")
        .contains("/home/u/.docker/config.json: Docker config with registry credentials")
        .contains("/home/u/.aws/credentials: AWS credentials file with a secret key")
        .doesNotContain("ca.pem", "id_rsa.pub", "/home/v/");
    assertThat(rule(all, "lint-setuid").status()).isEqualTo(Status.PASS);
    assertNoSecretIn(all);
  }

  @Test
  void unreadableContentIsAnError() throws Exception {
    ImageLintFiles.Content broken =
        paths -> {
          throw new OciException("layer gone");
        };
    Finding f = ImageLintFiles.secretFiles("a:1", List.of(file("/app/x.pem", 0644)), broken);
    assertThat(f.status()).isEqualTo(Status.ERROR);
    assertThat(f.evidence()).contains("layer gone");
  }

  @Test
  void noSecretValueAppearsInAnyFinding() throws Exception {
    String history =
        String.join(
            ",",
            run("/bin/sh -c docker login --password=" + PASSWORD),
            run("/bin/sh -c mysql -p" + MYSQL_PW),
            run("/bin/sh -c curl -H 'Authorization: Bearer " + BEARER + "'"),
            run("ADD https://u:" + URL_PW + "@h.example.com/f /f"),
            run("/bin/sh -c echo " + GH_TOKEN + " " + SLACK + " " + AWS_KEY));
    ImageConfig c =
        config(
            env("PASSWORD=" + PASSWORD, "X=" + AWS_KEY, "Y=" + GH_TOKEN, "Z=" + SLACK)
                + ",\"Labels\":{\"secret\":\""
                + MYSQL_PW
                + "\",\"k\":\"-----BEGIN PRIVATE KEY-----\\n"
                + PEM_BODY
                + "\"}",
            history);
    List<Finding> all = lint("a:1", c, List.of());
    assertThat(all.stream().filter(f -> f.status() == Status.FAIL).map(Finding::ruleId))
        .contains("lint-secret-env", "lint-secret-label", "lint-secret-history", "lint-add-url");
    assertNoSecretIn(all);
  }

  @Test
  void hugeHistoryLinesAreCapped() throws Exception {
    String line = "/bin/sh -c echo " + "a".repeat(200_000) + " --password " + PASSWORD;
    Finding f = rule(lint("a:1", config("", run(line)), List.of()), "lint-secret-history");
    // the credential lies beyond the 64 KiB examined
    assertThat(f.status()).isEqualTo(Status.PASS);
    assertThat(ImageLintSecrets.valueKind("x".repeat(100_000) + "-----BEGIN " + " ".repeat(50_000)))
        .isEmpty();
  }

  static void assertNoSecretIn(List<Finding> findings) {
    for (Finding f : findings) {
      String text =
          String.join(
              "\n",
              f.ruleId(),
              f.title(),
              f.subject(),
              f.evidence(),
              f.remediation(),
              String.join(" ", f.references()),
              f.properties().toString());
      for (String s : SECRETS) {
        assertThat(text).as(f.ruleId()).doesNotContain(s);
      }
    }
  }
}
