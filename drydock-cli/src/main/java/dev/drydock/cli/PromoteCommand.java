package dev.drydock.cli;

import dev.drydock.model.Digest;
import dev.drydock.model.ImageRef;
import dev.drydock.model.Severity;
import dev.drydock.oci.ImageCopy;
import dev.drydock.oci.OciException;
import dev.drydock.oci.RegistryClient;
import dev.drydock.report.FailOn;
import dev.drydock.report.Printable;
import dev.drydock.scanner.ScannerException;
import dev.drydock.trust.Environment;
import dev.drydock.trust.ImageSignature;
import dev.drydock.trust.ImageSigning;
import dev.drydock.trust.SignatureFormat;
import dev.drydock.trust.SignatureStore;
import dev.drydock.trust.Signer;
import dev.drydock.trust.TrustException;
import dev.drydock.trust.TrustPolicy;
import dev.drydock.trust.VerificationException;
import dev.drydock.trust.VerifiedSignature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code drydock promote}: move a dev-signed image to prod. Every check runs before anything is
 * written, so a refusal changes nothing: verify the source under the dev policy, run the gates,
 * sign for prod and check that the destination would then satisfy the prod policy; only then copy
 * by digest, copy the source's signatures and add the prod one.
 */
@Command(
    name = "promote",
    mixinStandardHelpOptions = true,
    description = {
      "Promote an image from dev to prod: verify SRC under the dev policy, run the gates (no"
          + " vulnerability at or above --gate-severity), copy SRC to DEST by digest, and add a"
          + " prod signature beside the dev ones. Any failed step refuses with its reason and"
          + " changes nothing."
    },
    footer = {
      "",
      "Exit codes: 0 promoted; 1 refused; 2 usage error; 3 could not complete.",
      "",
      "Example:",
      "  drydock promote reg.example:5000/dev/app:1 --to reg.example:5000/prod/app:1 --env prod \\",
      "      --key prod/release --policy trust.yaml --gate-severity high"
    })
final class PromoteCommand implements Callable<Integer> {
  @Mixin GlobalOptions global = new GlobalOptions();
  @Mixin SigningPassword password = new SigningPassword();
  @Mixin SigningRegistry registry = new SigningRegistry();
  @Mixin SigningStores stores = new SigningStores();
  @Mixin TrustOptions trust = new TrustOptions();

  @Parameters(paramLabel = "SRC", description = "The dev image: host[:port]/repository:tag.")
  String source = "";

  @Option(
      names = "--to",
      required = true,
      paramLabel = "DEST",
      description = "Where the prod image goes: host[:port]/repository:tag.")
  String destination = "";

  @Option(
      names = "--env",
      defaultValue = "prod",
      paramLabel = "ENV",
      description = "The environment to promote to (prod).")
  String env = "prod";

  @Option(
      names = "--key",
      required = true,
      paramLabel = "KEY",
      description = "The prod signing key: a cosign key file of a known key, or a key name.")
  String key = "";

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "bundle",
      description = "Format of the prod signature: bundle (default), cosign-legacy or openpgp.")
  String format = "bundle";

  @Option(
      names = "--gate-severity",
      paramLabel = "LEVEL",
      description =
          "Refuse when the image has a known vulnerability at least this severe (low, medium,"
              + " high, critical); no scan without it.")
  @Nullable String gateSeverity;

  @Option(
      names = "--db",
      paramLabel = "DIR",
      description = "Vulnerability database directory (default: <data>/db).")
  @Nullable Path db;

  @Override
  public Integer call() throws TrustException, OciException, ScannerException, IOException {
    Drydock root = global.root();
    CliContext context = root.context();
    PrintWriter out = context.out();
    Environment target = KeyCommand.environment(env);
    if (target != Environment.PROD) {
      throw new CliException("--env " + env + ": promotion goes to prod.", FailOn.EXIT_USAGE);
    }
    SignatureFormat fmt = SignCommand.format(format);
    Severity gate = gateSeverity == null ? null : severity(gateSeverity);
    ImageRef src = SigningRegistry.parse("SRC", source);
    ImageRef dest = SigningRegistry.parse("--to", destination);
    registry.check(src);
    registry.check(dest);
    stores.check(fmt);
    TrustPolicy policy = trust.policy(root, KeyCommand.keyring(root));
    Signer signer = SigningKey.open(root, key, password);
    if (signer.metadata().environment() != target) {
      return refuse(
          context,
          "key "
              + signer.metadata().name()
              + " signs for "
              + signer.metadata().environment().id()
              + "; promotion to prod needs a prod key");
    }
    SigningKey.requireUsable(signer.metadata(), context.clock().instant());

    // 1. The source must satisfy the dev policy.
    Digest digest = registry.resolve(src, context);
    SignatureStore store = stores.store(registry, context);
    List<ImageSignature> sourceSignatures = store.read(src, digest);
    List<VerifiedSignature> dev;
    try {
      dev = policy.verify(src, digest, Environment.DEV, sourceSignatures);
    } catch (VerificationException e) {
      return refuse(context, "the source is not verified for dev: " + e.getMessage());
    }
    out.printf(
        Locale.ROOT,
        "dev: %s@%s verified (%s)%n",
        src.name(),
        digest,
        dev.stream().map(VerifiedSignature::keyName).collect(Collectors.joining(", ")));

    // 2. The gates.
    if (gate != null) {
      Path dbDir = db != null ? db : DbCommand.dbDir(root);
      TrustGate.Outcome scan =
          TrustGate.scan(registry.client(src, context), src, digest, dbDir, gate);
      if (!scan.blocking().isEmpty()) {
        String ids =
            scan.blocking().stream()
                .limit(10)
                .map(
                    m ->
                        m.id()
                            + " ("
                            + m.severity().name().toLowerCase(Locale.ROOT)
                            + ", "
                            + m.pkg().name()
                            + ")")
                .collect(Collectors.joining(", "));
        return refuse(
            context,
            "gate: "
                + scan.blocking().size()
                + " vulnerabilities at or above "
                + gate.name().toLowerCase(Locale.ROOT)
                + ": "
                + ids);
      }
      out.printf(
          Locale.ROOT,
          "gate: no vulnerability at or above %s in %d packages%n",
          gate.name().toLowerCase(Locale.ROOT),
          scan.packages());
    }

    // 3. Sign, and check the destination would satisfy prod, before writing anything.
    ImageSignature prod =
        SignCommand.sign(new ImageSigning(context.clock()), fmt, dest, digest, signer);
    List<ImageSignature> carried = new ArrayList<>(sourceSignatures);
    List<ImageSignature> existing = store.read(dest, digest);
    carried.removeAll(existing);
    List<ImageSignature> after = new ArrayList<>(existing);
    after.addAll(carried);
    after.add(prod);
    List<VerifiedSignature> verified;
    try {
      verified = policy.verify(dest, digest, target, after);
    } catch (VerificationException e) {
      return refuse(context, "the destination would not verify for prod: " + e.getMessage());
    }

    // 4. Write: the image by digest (no tag yet), then its signatures, and the tag last, so that
    // a failure part-way never leaves the prod tag on an image without its prod signature.
    ImageCopy.Result copied =
        new ImageCopy(registry.clients(context))
            .copy(src.withDigest(digest), dest.withDigest(digest));
    try {
      for (ImageSignature s : carried) {
        store.append(dest, digest, s);
      }
      store.append(dest, digest, prod);
      String tag = dest.tag();
      if (tag != null && dest.digest() == null) {
        RegistryClient to = registry.client(dest, context);
        RegistryClient.Manifest top = to.manifest(dest.repository(), digest.toString());
        to.pushManifest(dest.repository(), tag, top.mediaType(), top.bytes());
      }
    } catch (TrustException | OciException e) {
      context
          .err()
          .printf(
              Locale.ROOT,
              "drydock: promotion incomplete: %s@%s was copied but %s; the tag %s was not"
                  + " set. Re-run the promotion once the registry accepts writes.%n",
              dest.name(),
              digest,
              e.getMessage(),
              dest.tag() == null ? "(none)" : dest.tag());
      throw e;
    }
    out.printf(
        Locale.ROOT,
        "copied: %s to %s (%d manifests, %d blobs uploaded, %d mounted, %d present)%n",
        src.withDigest(digest),
        dest,
        copied.manifests(),
        copied.blobsUploaded(),
        copied.blobsMounted(),
        copied.blobsPresent());
    out.printf(
        Locale.ROOT,
        "Promoted %s@%s to prod: signed with %s as %s, kept %d source signature(s); prod verified"
            + " by %s%n",
        dest.name(),
        digest,
        signer.metadata().name(),
        SignCommand.name(fmt),
        carried.size(),
        verified.stream().map(VerifiedSignature::keyName).collect(Collectors.joining(", ")));
    return 0;
  }

  static Severity severity(String text) {
    try {
      return Severity.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CliException(
          "--gate-severity '" + text + "': use low, medium, high or critical.", FailOn.EXIT_USAGE);
    }
  }

  private static int refuse(CliContext context, String why) {
    context.err().println("drydock: promotion refused, nothing changed: " + Printable.clean(why));
    return FailOn.EXIT_FINDINGS;
  }
}
