package dev.drydock.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.trust.KeyMetadata;
import dev.drydock.trust.TrustException;
import dev.drydock.trust.TrustedKey;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code drydock key list}: every key, its environment, ID, window and status. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description =
        "List the signing keys: environment, name, kind (pkix for cosign formats, openpgp for"
            + " simple signing), key ID, validity end and status (active, revoked, expired,"
            + " not-yet-valid).")
final class KeyListCommand implements Callable<Integer> {
  @Mixin GlobalOptions global = new GlobalOptions();

  @Option(names = "--json", description = "Print as a JSON array.")
  boolean json;

  @Override
  public Integer call() throws TrustException, JsonProcessingException {
    Drydock root = global.root();
    List<TrustedKey> keys = KeyCommand.keyring(root).all();
    Instant now = root.context().clock().instant();
    PrintWriter out = root.context().out();
    if (json) {
      out.println(toJson(keys, now));
      return 0;
    }
    if (keys.isEmpty()) {
      out.println("No signing keys yet. Create one with 'drydock key generate --env dev NAME'.");
      return 0;
    }
    String row = "%-5s %-28s %-8s %-13s %-20s %s%n";
    out.printf(Locale.ROOT, row, "ENV", "NAME", "KIND", "STATUS", "NOT AFTER", "KEY ID");
    for (TrustedKey k : keys) {
      KeyMetadata m = k.metadata();
      out.printf(
          Locale.ROOT,
          row,
          m.environment().id(),
          m.name(),
          kind(k),
          status(m, now),
          m.notAfter(),
          m.keyId());
    }
    return 0;
  }

  static String kind(TrustedKey key) {
    return switch (key) {
      case TrustedKey.Pkix p -> "pkix";
      case TrustedKey.OpenPgp o -> "openpgp";
    };
  }

  static String status(KeyMetadata m, Instant now) {
    if (m.revokedAt(now)) {
      return "revoked";
    }
    if (now.isBefore(m.notBefore())) {
      return "not-yet-valid";
    }
    return m.validAt(now) ? "active" : "expired";
  }

  static String toJson(List<TrustedKey> keys, Instant now) throws JsonProcessingException {
    ObjectMapper mapper = new ObjectMapper();
    ArrayNode array = mapper.createArrayNode();
    for (TrustedKey k : keys) {
      KeyMetadata m = k.metadata();
      ObjectNode node = array.addObject();
      node.put("environment", m.environment().id());
      node.put("name", m.name());
      node.put("kind", kind(k));
      node.put("keyId", m.keyId());
      node.put("algorithm", m.algorithm().name().toLowerCase(Locale.ROOT));
      node.put("notBefore", m.notBefore().toString());
      node.put("notAfter", m.notAfter().toString());
      Instant revoked = m.revokedAt();
      if (revoked != null) {
        node.put("revokedAt", revoked.toString());
      }
      node.put("status", status(m, now));
    }
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(array);
  }
}
