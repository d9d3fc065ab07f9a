package dev.drydock.cli;

import dev.drydock.pki.KeyAlgorithm;
import picocli.CommandLine.Option;

/** {@code --key-algorithm}, shared by the commands that create keys. */
final class KeyAlgorithmOption {
  @Option(
      names = "--key-algorithm",
      paramLabel = "ALG",
      defaultValue = "EC_P256",
      description = "EC_P256 (default), EC_P384 or RSA_3072.")
  KeyAlgorithm algorithm = KeyAlgorithm.EC_P256;
}
