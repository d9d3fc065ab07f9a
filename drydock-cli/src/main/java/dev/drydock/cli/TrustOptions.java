package dev.drydock.cli;

import dev.drydock.report.FailOn;
import dev.drydock.trust.TrustException;
import dev.drydock.trust.TrustPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** {@code --policy}: what verification trusts. */
final class TrustOptions {
  private static final long MAX_POLICY_BYTES = 256 * 1024;

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description =
          "Trust policy (YAML: scopes, environments, required keys; see docs/signing.md)"
              + " (default: <data>/trust/policy.yaml).")
  @Nullable Path policy;

  /** {@return the policy file the options name, or the default one} */
  Path policyFile(Drydock root) {
    return policy != null ? policy : root.dataDir().resolve("trust").resolve("policy.yaml");
  }

  /** Parses the policy against every key the key ring knows. */
  TrustPolicy policy(Drydock root, TrustKeyring keyring) throws TrustException {
    Path file = policyFile(root);
    byte[] yaml;
    try {
      if (Files.size(file) > MAX_POLICY_BYTES) {
        throw new CliException(
            "--policy " + file + " is larger than " + MAX_POLICY_BYTES + " bytes.",
            FailOn.EXIT_USAGE);
      }
      yaml = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new CliException(
          "No trust policy at "
              + file
              + ". Write one (docs/signing.md shows the format) and pass it with --policy FILE.",
          FailOn.EXIT_USAGE);
    } catch (IOException e) {
      throw new CliException(
          "--policy " + file + ": cannot read it (" + Errors.message(e) + ").", FailOn.EXIT_USAGE);
    }
    return TrustPolicy.parse(file.toString(), yaml, keyring.all(), root.context().clock());
  }
}
