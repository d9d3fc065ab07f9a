package dev.drydock.cli;

import dev.drydock.registry.S3Credentials;
import dev.drydock.registry.S3Settings;
import dev.drydock.registry.TrustedRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The S3 flags of {@code registry serve}: blobs in an S3-compatible bucket instead of the data
 * directory. The access key comes from {@code --s3-credentials-file} or from {@code
 * AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY} in the environment, never from the command line,
 * where process lists would show it.
 */
final class RegistryS3Options {
  /** A credentials file is a few lines. */
  private static final long MAX_CREDENTIALS_BYTES = 64 * 1024;

  @Option(
      names = "--s3-endpoint",
      paramLabel = "URL",
      description =
          "Store blobs in S3-compatible storage at this endpoint, e.g. https://s3.eu-west-1.amazonaws.com or http://127.0.0.1:9000 (default: under <data>/registry).")
  @Nullable String endpoint;

  @Option(names = "--s3-bucket", paramLabel = "BUCKET", description = "The bucket (it must exist).")
  @Nullable String bucket;

  @Option(
      names = "--s3-region",
      paramLabel = "REGION",
      defaultValue = "us-east-1",
      description = "The region requests are signed for (default us-east-1).")
  String region = "us-east-1";

  @Option(
      names = "--s3-prefix",
      paramLabel = "PREFIX",
      defaultValue = "",
      description = "A key prefix inside the bucket, e.g. registry/prod.")
  String prefix = "";

  @Option(
      names = "--s3-path-style",
      description =
          "Address the bucket as endpoint/bucket (MinIO, Ceph, s3proxy) instead of bucket.endpoint.")
  boolean pathStyle;

  @Option(
      names = "--s3-credentials-file",
      paramLabel = "FILE",
      description =
          "File with access_key_id=... and secret_access_key=... lines (default: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY from the environment).")
  @Nullable Path credentialsFile;

  /** {@return the S3 storage the flags describe, or null when no S3 flag is given} */
  TrustedRegistry.@Nullable S3 s3(Map<String, String> env) {
    if (endpoint == null) {
      if (bucket != null || credentialsFile != null || !prefix.isEmpty() || pathStyle) {
        throw RegistryAdmin.usage(
            "S3 options need --s3-endpoint URL (and --s3-bucket): without them blobs are stored"
                + " under <data>/registry.");
      }
      return null;
    }
    if (bucket == null) {
      throw RegistryAdmin.usage("--s3-endpoint needs --s3-bucket BUCKET.");
    }
    URI uri;
    try {
      uri = new URI(endpoint.strip());
    } catch (URISyntaxException e) {
      throw RegistryAdmin.usage(
          "--s3-endpoint " + endpoint + ": not a URL; use http(s)://host[:port].");
    }
    S3Settings settings;
    try {
      settings = S3Settings.of(uri, region, bucket, prefix).withPathStyle(pathStyle);
    } catch (IllegalArgumentException e) {
      throw RegistryAdmin.usage(e.getMessage() + ".");
    }
    return new TrustedRegistry.S3(settings, credentials(env));
  }

  private S3Credentials credentials(Map<String, String> env) {
    String id;
    String secret;
    String source;
    if (credentialsFile != null) {
      source = "--s3-credentials-file " + credentialsFile;
      List<String> lines = read(credentialsFile);
      id = value(lines, "access_key_id");
      secret = value(lines, "secret_access_key");
    } else {
      source = "the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)";
      id = env.get("AWS_ACCESS_KEY_ID");
      secret = env.get("AWS_SECRET_ACCESS_KEY");
    }
    if (id == null || id.isBlank() || secret == null || secret.isEmpty()) {
      throw RegistryAdmin.usage(
          "No S3 access key in "
              + source
              + ": give --s3-credentials-file FILE with access_key_id=... and"
              + " secret_access_key=... lines, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.");
    }
    try {
      return new S3Credentials(id.strip(), secret);
    } catch (IllegalArgumentException e) {
      // The message names no secret: S3Credentials never puts one in it.
      throw RegistryAdmin.usage("The S3 access key in " + source + ": " + e.getMessage() + ".");
    }
  }

  private static List<String> read(Path file) {
    try {
      if (Files.size(file) > MAX_CREDENTIALS_BYTES) {
        throw RegistryAdmin.usage(file + " is too large for an S3 credentials file.");
      }
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw RegistryAdmin.usage("Cannot read --s3-credentials-file: " + Errors.message(e));
    }
  }

  /** {@return the value of {@code key = value} (also the AWS CLI's {@code aws_} form), or null} */
  static @Nullable String value(List<String> lines, String key) {
    for (String line : lines) {
      String l = line.strip();
      int eq = l.indexOf('=');
      if (l.startsWith("#") || eq < 0) {
        continue;
      }
      String k = l.substring(0, eq).strip();
      if (k.equalsIgnoreCase(key) || k.equalsIgnoreCase("aws_" + key)) {
        return l.substring(eq + 1).strip();
      }
    }
    return null;
  }
}
