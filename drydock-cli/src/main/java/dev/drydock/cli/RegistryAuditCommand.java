package dev.drydock.cli;

import dev.drydock.registry.AuditLog.AuditEvent;
import dev.drydock.registry.AuditLog.AuditQuery;
import dev.drydock.registry.AuditLog.Operation;
import dev.drydock.registry.EcsAudit;
import dev.drydock.registry.RegistryException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code drydock registry audit}: the registry's audit trail. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
      "Show the registry's audit trail: logins, pulls, pushes, deletes and administrative changes, who made them, from where, allowed or denied and by which policy.",
      "A table by default; --json prints one ECS JSON event per line for a SIEM (e.g. 'drydock registry audit --since 1h --json >> registry.ndjson')."
    })
final class RegistryAuditCommand implements Callable<Integer> {
  @Mixin GlobalOptions global = new GlobalOptions();
  @Mixin RegistryDatabaseOptions database = new RegistryDatabaseOptions();

  @Option(
      names = "--since",
      paramLabel = "DURATION|TIMESTAMP",
      description = "Events at or after this: 1h, 7d, PT30M ago, or 2026-12-31[T12:00:00Z].")
  @Nullable String since;

  @Option(
      names = "--until",
      paramLabel = "DURATION|TIMESTAMP",
      description = "Events before this (a duration counts back from now).")
  @Nullable String until;

  @Option(names = "--user", paramLabel = "NAME", description = "Only this principal's events.")
  @Nullable String user;

  @Option(names = "--repository", paramLabel = "REPO", description = "Only this repository's.")
  @Nullable String repository;

  @Option(
      names = "--operation",
      paramLabel = "OP",
      description = "Only login, pull, push, delete or admin events.")
  @Nullable String operation;

  @Option(names = "--denied", description = "Only refused requests.")
  boolean denied;

  @Option(names = "--allowed", description = "Only allowed requests.")
  boolean allowed;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "100",
      description = "The latest N events at most (default 100, up to 100000).")
  int limit = 100;

  @Option(names = "--json", description = "One ECS JSON object per line, for a SIEM.")
  boolean json;

  @Override
  public Integer call() throws RegistryException {
    Instant now = global.root().context().clock().instant();
    AuditQuery query = query(now);
    try (RegistryAdmin session = RegistryAdmin.open(global, database)) {
      List<AuditEvent> events = session.audit().query(query);
      PrintWriter out = session.out();
      if (json) {
        EcsAudit ecs = new EcsAudit();
        for (AuditEvent e : events) {
          out.println(ecs.render(e));
        }
      } else {
        out.print(table(events));
      }
    }
    return 0;
  }

  AuditQuery query(Instant now) {
    if (denied && allowed) {
      throw RegistryAdmin.usage("Give --denied or --allowed, not both.");
    }
    if (limit < 1 || limit > AuditQuery.MAX_LIMIT) {
      throw RegistryAdmin.usage("--limit " + limit + ": use 1 to " + AuditQuery.MAX_LIMIT + ".");
    }
    Instant from = since == null ? null : RegistryValues.instant("--since", since, now, -1);
    Instant to = until == null ? null : RegistryValues.instant("--until", until, now, -1);
    if (from != null && to != null && !from.isBefore(to)) {
      throw RegistryAdmin.usage("--since " + since + " is not before --until " + until + ".");
    }
    return new AuditQuery(
        from,
        to,
        user,
        repository,
        operation == null ? null : operation(operation),
        denied ? Boolean.FALSE : (allowed ? Boolean.TRUE : null),
        limit);
  }

  static Operation operation(String text) {
    for (Operation o : Operation.values()) {
      if (o.name().equalsIgnoreCase(text.strip())) {
        return o;
      }
    }
    throw RegistryAdmin.usage("--operation " + text + ": use login, pull, push, delete or admin.");
  }

  static String table(List<AuditEvent> events) {
    List<List<String>> rows = new ArrayList<>();
    for (AuditEvent e : events) {
      String what = e.reference() != null ? e.reference() : null;
      if (e.digest() != null) {
        String digest = shortDigest(e.digest().toString());
        what = what == null || what.equals(e.digest().toString()) ? digest : what + "@" + digest;
      } else if (what != null && what.contains(":") && what.length() > 19) {
        what = shortDigest(what);
      }
      String policy = e.policy();
      String reason = e.reason();
      String why =
          policy == null
              ? (reason == null ? "-" : reason)
              : policy + (reason == null ? "" : ": " + reason);
      rows.add(
          List.of(
              e.time().toString(),
              e.operation().name().toLowerCase(Locale.ROOT),
              RegistryValues.cell(e.principal()),
              RegistryValues.cell(e.repository()),
              RegistryValues.cell(what),
              RegistryValues.cell(e.remote()),
              e.allowed() ? "allowed" : "denied",
              RegistryValues.cell(why)));
    }
    return RegistryValues.table(
        List.of(
            "TIME",
            "OPERATION",
            "PRINCIPAL",
            "REPOSITORY",
            "REFERENCE",
            "REMOTE",
            "OUTCOME",
            "POLICY/REASON"),
        rows);
  }

  /** {@return {@code sha256:0123456789ab}: the algorithm and 12 hex digits} */
  static String shortDigest(String digest) {
    int colon = digest.indexOf(':');
    return colon < 0 || digest.length() <= colon + 13 ? digest : digest.substring(0, colon + 13);
  }
}
