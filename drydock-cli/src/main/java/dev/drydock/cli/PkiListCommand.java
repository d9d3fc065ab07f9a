package dev.drydock.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.pki.CertificateRecord;
import dev.drydock.pki.PkiException;
import dev.drydock.pki.Revocation;
import dev.drydock.report.Printable;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code drydock pki list}: every certificate the CA issued, with its status. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description =
        "List the certificates drydock's CA issued: serial, kind, subject, validity, status.")
final class PkiListCommand implements Callable<Integer> {
  @Mixin GlobalOptions global = new GlobalOptions();

  @Option(names = "--json", description = "Print as a JSON array.")
  boolean json;

  @Override
  public Integer call() throws PkiException, JsonProcessingException {
    Drydock root = global.root();
    List<CertificateRecord> records = PkiCommand.open(root).list();
    PrintWriter out = root.context().out();
    if (json) {
      out.println(toJson(records));
      return 0;
    }
    if (records.isEmpty()) {
      out.println("No certificates issued yet. Issue one with 'drydock pki issue'.");
      return 0;
    }
    out.printf(
        Locale.ROOT,
        "%-32s %-6s %-8s %-20s %s%n",
        "SERIAL",
        "KIND",
        "STATUS",
        "NOT AFTER",
        "SUBJECT");
    for (CertificateRecord r : records) {
      out.printf(
          Locale.ROOT,
          "%-32s %-6s %-8s %-20s %s%n",
          r.serial().hex(),
          r.kind().name().toLowerCase(Locale.ROOT),
          r.status().name().toLowerCase(Locale.ROOT),
          r.notAfter().toString(),
          Printable.clean(r.subject()));
    }
    return 0;
  }

  static String toJson(List<CertificateRecord> records) throws JsonProcessingException {
    ObjectMapper mapper = new ObjectMapper();
    ArrayNode array = mapper.createArrayNode();
    for (CertificateRecord r : records) {
      ObjectNode node = array.addObject();
      node.put("serial", r.serial().hex());
      node.put("kind", r.kind().name().toLowerCase(Locale.ROOT));
      node.put("subject", r.subject());
      ArrayNode sans = node.putArray("sans");
      r.sans().forEach(san -> sans.add(san.toString()));
      node.put("notBefore", r.notBefore().toString());
      node.put("notAfter", r.notAfter().toString());
      node.put("status", r.status().name().toLowerCase(Locale.ROOT));
      Revocation revocation = r.revocation();
      if (revocation != null) {
        node.put("revokedAt", revocation.revokedAt().toString());
        node.put("revocationReason", revocation.reason().name().toLowerCase(Locale.ROOT));
      }
    }
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(array);
  }
}
