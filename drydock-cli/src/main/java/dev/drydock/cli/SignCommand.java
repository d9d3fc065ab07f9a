package dev.drydock.cli;

import dev.drydock.model.Digest;
import dev.drydock.model.ImageRef;
import dev.drydock.oci.OciException;
import dev.drydock.report.FailOn;
import dev.drydock.trust.ImageSignature;
import dev.drydock.trust.ImageSigning;
import dev.drydock.trust.KeyMetadata;
import dev.drydock.trust.SignatureFormat;
import dev.drydock.trust.Signer;
import dev.drydock.trust.TrustException;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code drydock sign}: sign an image's manifest digest with a dev or prod key. */
@Command(
    name = "sign",
    mixinStandardHelpOptions = true,
    description = {
      "Sign an image in a registry: its tag is resolved to the manifest digest, and the digest is"
          + " signed with the key, for the key's environment.",
      "Formats: bundle (cosign v3: Sigstore bundle with a DSSE in-toto statement), cosign-legacy"
          + " (simple-signing payload, as cosign v1/v2 write it), openpgp (containers simple"
          + " signing, as skopeo/podman verify it from a lookaside directory)."
    },
    footer = {
      "",
      "Examples:",
      "  drydock sign registry.example:5000/app:1 --key ci --format bundle --lookaside ./sigs",
      "  drydock sign 127.0.0.1:5000/app:1 --insecure-http --key ci --format openpgp \\",
      "      --lookaside /var/lib/containers/sigstore"
    })
final class SignCommand implements Callable<Integer> {
  @Mixin GlobalOptions global = new GlobalOptions();
  @Mixin SigningPassword password = new SigningPassword();
  @Mixin SigningRegistry registry = new SigningRegistry();
  @Mixin SigningStores stores = new SigningStores();

  @Parameters(
      paramLabel = "IMAGE",
      description = "host[:port]/repository:tag or host[:port]/repository@sha256:...")
  String image = "";

  @Option(
      names = "--key",
      required = true,
      paramLabel = "KEY",
      description =
          "The signing key: a cosign key file of a known key, or a key name (ENV/NAME or NAME).")
  String key = "";

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "bundle",
      description = "bundle (default), cosign-legacy or openpgp.")
  String format = "bundle";

  @Override
  public Integer call() throws TrustException, OciException, IOException {
    Drydock root = global.root();
    CliContext context = root.context();
    SignatureFormat fmt = format(format);
    ImageRef ref = SigningRegistry.parse("IMAGE", image);
    registry.check(ref);
    stores.check(fmt); // refuse a missing store before asking for the password
    Signer signer = SigningKey.open(root, key, password);
    KeyMetadata m = signer.metadata();
    SigningKey.requireUsable(m, context.clock().instant());
    Digest digest = registry.resolve(ref, context);
    ImageSignature signature = sign(new ImageSigning(context.clock()), fmt, ref, digest, signer);
    stores.store(registry, context).append(ref, digest, signature);
    context
        .out()
        .printf(
            Locale.ROOT,
            "Signed %s@%s for %s with key %s (%s) as %s: %s%n",
            ref.name(),
            digest,
            m.environment().id(),
            m.name(),
            m.keyId().substring(0, 16),
            name(fmt),
            stores.where(fmt, ref, digest));
    return 0;
  }

  static ImageSignature sign(
      ImageSigning signing, SignatureFormat fmt, ImageRef ref, Digest digest, Signer signer)
      throws TrustException {
    return switch (fmt) {
      case COSIGN_BUNDLE -> signing.cosignBundle(digest, signer);
      case COSIGN_SIMPLE_SIGNING -> signing.cosignSimpleSigning(ref, digest, Map.of(), signer);
      case OPENPGP_SIMPLE_SIGNING -> signing.openPgp(ref, digest, signer);
    };
  }

  static SignatureFormat format(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "bundle", "cosign-bundle" -> SignatureFormat.COSIGN_BUNDLE;
      case "cosign-legacy", "legacy" -> SignatureFormat.COSIGN_SIMPLE_SIGNING;
      case "openpgp", "simple-signing", "gpg" -> SignatureFormat.OPENPGP_SIMPLE_SIGNING;
      default ->
          throw new CliException(
              "--format '" + text + "': use bundle, cosign-legacy or openpgp.", FailOn.EXIT_USAGE);
    };
  }

  static String name(SignatureFormat fmt) {
    return switch (fmt) {
      case COSIGN_BUNDLE -> "bundle";
      case COSIGN_SIMPLE_SIGNING -> "cosign-legacy";
      case OPENPGP_SIMPLE_SIGNING -> "openpgp";
    };
  }
}
