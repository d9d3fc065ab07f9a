package dev.drydock.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.model.Digest;
import dev.drydock.model.ImageRef;
import dev.drydock.oci.OciException;
import dev.drydock.report.FailOn;
import dev.drydock.report.Printable;
import dev.drydock.trust.Environment;
import dev.drydock.trust.ImageSignature;
import dev.drydock.trust.SignatureFormat;
import dev.drydock.trust.TrustException;
import dev.drydock.trust.TrustPolicy;
import dev.drydock.trust.VerificationException;
import dev.drydock.trust.VerifiedSignature;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code drydock verify}: does the trust policy admit this image to this environment? */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Verify an image's signatures against the trust policy for one environment. Prints the"
          + " verified signers (key, environment, format, time) and exits 0, or prints the refusal"
          + " reason and exits 1: NO_SIGNATURE, WRONG_KEY, WRONG_DIGEST, WRONG_IDENTITY,"
          + " TAMPERED_PAYLOAD, REVOKED_KEY, EXPIRED_KEY, UNKNOWN_CRITICAL_FIELD, MALFORMED_BUNDLE,"
          + " POLICY_UNSATISFIED.",
      "A signature by a dev key never satisfies a prod requirement."
    },
    footer = {
      "",
      "Exit codes: 0 verified; 1 refused; 2 usage error; 3 could not complete.",
      "",
      "Examples:",
      "  drydock verify registry.example:5000/app:1 --env prod --policy trust.yaml",
      "  drydock verify 127.0.0.1:5000/app:1 --insecure-http --env dev --lookaside ./sigs \\",
      "      --policy trust.yaml --format json"
    })
final class VerifyCommand implements Callable<Integer> {
  @Mixin GlobalOptions global = new GlobalOptions();
  @Mixin SigningRegistry registry = new SigningRegistry();
  @Mixin TrustOptions trust = new TrustOptions();
  @Mixin SigningStores stores = new SigningStores();

  @Parameters(
      paramLabel = "IMAGE",
      description = "host[:port]/repository:tag or host[:port]/repository@sha256:...")
  String image = "";

  @Option(
      names = "--env",
      required = true,
      paramLabel = "ENV",
      description = "The environment to admit the image to: dev or prod.")
  String env = "";

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text (default) or json.")
  String format = "text";

  @Override
  public Integer call() throws TrustException, OciException, JsonProcessingException {
    Drydock root = global.root();
    CliContext context = root.context();
    Environment environment = KeyCommand.environment(env);
    boolean json =
        switch (format.strip().toLowerCase(Locale.ROOT)) {
          case "text" -> false;
          case "json" -> true;
          default ->
              throw new CliException(
                  "--format '" + format + "': use text or json.", FailOn.EXIT_USAGE);
        };
    ImageRef ref = SigningRegistry.parse("IMAGE", image);
    registry.check(ref);
    stores.check(SignatureFormat.COSIGN_BUNDLE);
    TrustPolicy policy = trust.policy(root, KeyCommand.keyring(root));
    Digest digest = registry.resolve(ref, context);
    List<ImageSignature> signatures = stores.read(registry, context, ref, digest);
    PrintWriter out = context.out();
    try {
      List<VerifiedSignature> verified = policy.verify(ref, digest, environment, signatures);
      if (json) {
        out.println(json(ref, digest, environment, verified, null));
      } else {
        out.printf(
            Locale.ROOT,
            "Verified %s@%s for %s: %d signer(s)%n",
            ref.name(),
            digest,
            environment.id(),
            verified.size());
        for (VerifiedSignature v : verified) {
          out.printf(
              Locale.ROOT,
              "  %-4s %-28s %-13s key %s signed %s%n",
              v.environment().id(),
              v.keyName(),
              SignCommand.name(v.format()),
              v.keyId(),
              signedAt(v.signedAt()));
        }
      }
      return 0;
    } catch (VerificationException e) {
      if (json) {
        out.println(json(ref, digest, environment, List.of(), e));
      }
      context.err().println("drydock: refused: " + Printable.clean(String.valueOf(e.getMessage())));
      return FailOn.EXIT_FINDINGS;
    }
  }

  private static String signedAt(@Nullable Instant at) {
    return at == null ? "(time not stated)" : at.toString();
  }

  static String json(
      ImageRef ref,
      Digest digest,
      Environment environment,
      List<VerifiedSignature> verified,
      @Nullable VerificationException refusal)
      throws JsonProcessingException {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("image", ref.toString());
    root.put("digest", digest.toString());
    root.put("environment", environment.id());
    root.put("verified", refusal == null);
    if (refusal != null) {
      root.put("reason", refusal.reason().name());
      root.put("message", refusal.getMessage());
    }
    ArrayNode signers = root.putArray("signers");
    for (VerifiedSignature v : verified) {
      ObjectNode s = signers.addObject();
      s.put("keyId", v.keyId());
      s.put("keyName", v.keyName());
      s.put("environment", v.environment().id());
      s.put("format", SignCommand.name(v.format()));
      s.put("signedAt", v.signedAt() == null ? null : String.valueOf(v.signedAt()));
      s.put("dockerReference", v.dockerReference());
    }
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }
}
