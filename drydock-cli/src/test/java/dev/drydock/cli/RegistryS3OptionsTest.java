package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.registry.S3Settings;
import dev.drydock.registry.TrustedRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RegistryS3OptionsTest {
  private static final Map<String, String> AWS_ENV =
      Map.of("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "env-secret-value");

  @TempDir Path home;

  private static RegistryS3Options parse(String... args) {
    RegistryS3Options options = new RegistryS3Options();
    new CommandLine(options).parseArgs(args);
    return options;
  }

  @Test
  void noS3FlagsMeanLocalStorage() {
    assertThat(parse().s3(AWS_ENV)).isNull();
  }

  @Test
  void flagsBecomeSettingsWithCredentialsFromTheEnvironment() {
    TrustedRegistry.S3 s3 =
        Objects.requireNonNull(
            parse(
                    "--s3-endpoint",
                    "http://127.0.0.1:9000",
                    "--s3-bucket",
                    "images",
                    "--s3-prefix",
                    "registry/prod",
                    "--s3-path-style",
                    "--s3-region",
                    "eu-west-1")
                .s3(AWS_ENV));
    S3Settings settings = s3.settings();
    assertThat(settings.endpoint().toString()).isEqualTo("http://127.0.0.1:9000");
    assertThat(settings.bucket()).isEqualTo("images");
    assertThat(settings.prefix()).isEqualTo("registry/prod");
    assertThat(settings.region()).isEqualTo("eu-west-1");
    assertThat(settings.pathStyle()).isTrue();
    assertThat(s3.credentials().accessKeyId()).isEqualTo("AKIDEXAMPLE");
    assertThat(s3.credentials().toString()).doesNotContain("env-secret-value");

    S3Settings defaults =
        Objects.requireNonNull(
                parse("--s3-endpoint", "https://s3.example.com", "--s3-bucket", "images")
                    .s3(AWS_ENV))
            .settings();
    assertThat(defaults.region()).isEqualTo("us-east-1");
    assertThat(defaults.pathStyle()).isFalse();
    assertThat(defaults.prefix()).isEmpty();
  }

  @Test
  void credentialsFileWinsOverTheEnvironment() throws Exception {
    Path file = home.resolve("s3.credentials");
    Files.writeString(
        file, "# drydock registry\naccess_key_id = FILEKEY\nsecret_access_key=file-secret\n");
    TrustedRegistry.S3 s3 =
        Objects.requireNonNull(
            parse(
                    "--s3-endpoint",
                    "http://[::1]:9000",
                    "--s3-bucket",
                    "images",
                    "--s3-credentials-file",
                    file.toString())
                .s3(AWS_ENV));
    assertThat(s3.credentials().accessKeyId()).isEqualTo("FILEKEY");
    // The AWS CLI's spelling is understood too.
    Files.writeString(file, "aws_access_key_id=AWSKEY\naws_secret_access_key=s\n");
    assertThat(
            Objects.requireNonNull(
                    parse(
                            "--s3-endpoint",
                            "http://[::1]:9000",
                            "--s3-bucket",
                            "images",
                            "--s3-credentials-file",
                            file.toString())
                        .s3(Map.of()))
                .credentials()
                .accessKeyId())
        .isEqualTo("AWSKEY");
  }

  @Test
  void badFlagsAreUsageErrorsOfServe() throws Exception {
    Path incomplete = home.resolve("incomplete");
    Files.writeString(incomplete, "access_key_id=ONLYKEY\n");
    String endpoint = "http://127.0.0.1:9000";
    String[][] bad = {
      {"--s3-bucket", "images"},
      {"--s3-endpoint", endpoint},
      {"--s3-endpoint", "ftp://host", "--s3-bucket", "images"},
      {"--s3-endpoint", "http://host/path", "--s3-bucket", "images"},
      {"--s3-endpoint", "http://a b", "--s3-bucket", "images"},
      {"--s3-endpoint", endpoint, "--s3-bucket", "No_Such"},
      {"--s3-endpoint", endpoint, "--s3-bucket", "images", "--s3-prefix", "/abs"},
      {"--s3-endpoint", endpoint, "--s3-bucket", "images", "--s3-credentials-file", "/none"},
      {
        "--s3-endpoint",
        endpoint,
        "--s3-bucket",
        "images",
        "--s3-credentials-file",
        incomplete.toString()
      },
    };
    String[] expected = {
      "need --s3-endpoint",
      "needs --s3-bucket",
      "must be http(s)",
      "without path",
      "not a URL",
      "No_Such",
      "prefix",
      "/none",
      "No S3 access key in --s3-credentials-file"
    };
    for (int i = 0; i < bad.length; i++) {
      List<String> args = new ArrayList<>(List.of("registry", "serve"));
      args.addAll(List.of(bad[i]));
      CliRun r =
          CliRun.run(
              home,
              Map.of(),
              Clock.systemUTC(),
              CliRun.withData(home.resolve("d"), args.toArray(String[]::new)));
      assertThat(r.exitCode()).as(String.join(" ", bad[i])).isEqualTo(2);
      assertThat(r.err()).as(String.join(" ", bad[i])).contains(expected[i]);
      assertThat(r.err()).doesNotContain("env-secret-value");
    }
  }

  @Test
  void s3NeedsTheTrustedRegistry() {
    CliRun r =
        CliRun.run(
            home,
            AWS_ENV,
            Clock.systemUTC(),
            CliRun.withData(
                home.resolve("d"),
                "registry",
                "serve",
                "--insecure-loopback-http",
                "--s3-endpoint",
                "http://127.0.0.1:9000",
                "--s3-bucket",
                "images"));
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("need the trusted (TLS) registry");

    // Valid S3 flags pass, then TLS is what is missing.
    r =
        CliRun.run(
            home,
            AWS_ENV,
            Clock.systemUTC(),
            CliRun.withData(
                home.resolve("d"),
                "registry",
                "serve",
                "--s3-endpoint",
                "http://127.0.0.1:9000",
                "--s3-bucket",
                "images"));
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("No TLS certificate");
  }
}
