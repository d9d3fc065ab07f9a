package dev.drydock.registry;

import dev.drydock.model.Digest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@link AuditLog} in the {@code registry_audit} table of a {@link JdbcDatabase}. An event is
 * committed before {@link #record} returns. Queries return the newest matching events, at most the
 * limit, oldest first; events of the same instant keep the order in which they were recorded.
 */
final class JdbcAuditLog implements AuditLog {
  private final JdbcDatabase db;

  JdbcAuditLog(JdbcDatabase db) {
    this.db = db;
  }

  @Override
  public void record(AuditEvent e) throws RegistryException {
    Instant time = e.time();
    long seconds = time.getEpochSecond();
    int nanos = time.getNano();
    try {
      db.pool()
          .call(
              c -> {
                try (PreparedStatement s =
                    c.prepareStatement(
                        "INSERT INTO registry_audit (time_s, time_n, operation, principal,"
                            + " repository, reference, digest, remote, allowed, policy, reason)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                  s.setLong(1, seconds);
                  s.setInt(2, nanos);
                  s.setString(3, e.operation().name());
                  s.setString(4, e.principal());
                  s.setString(5, e.repository());
                  s.setString(6, e.reference());
                  Digest digest = e.digest();
                  s.setString(7, digest == null ? null : digest.toString());
                  s.setString(8, e.remote());
                  s.setBoolean(9, e.allowed());
                  s.setString(10, e.policy());
                  s.setString(11, e.reason());
                  return s.executeUpdate();
                }
              });
    } catch (SQLException x) {
      throw db.failure("record an audit event (" + e.operation() + " by " + e.principal() + ")", x);
    }
  }

  @Override
  public List<AuditEvent> query(AuditQuery q) throws RegistryException {
    StringBuilder sql =
        new StringBuilder(
            "SELECT time_s, time_n, operation, principal, repository, reference, digest, remote,"
                + " allowed, policy, reason FROM registry_audit WHERE 1 = 1");
    List<Object> parameters = new ArrayList<>();
    Instant since = q.since();
    if (since != null) {
      sql.append(" AND (time_s > ? OR (time_s = ? AND time_n >= ?))");
      parameters.addAll(List.of(since.getEpochSecond(), since.getEpochSecond(), since.getNano()));
    }
    Instant until = q.until();
    if (until != null) {
      sql.append(" AND (time_s < ? OR (time_s = ? AND time_n < ?))");
      parameters.addAll(List.of(until.getEpochSecond(), until.getEpochSecond(), until.getNano()));
    }
    filter(sql, parameters, "principal", q.principal());
    filter(sql, parameters, "repository", q.repository());
    AuditLog.Operation operation = q.operation();
    filter(sql, parameters, "operation", operation == null ? null : operation.name());
    Boolean allowed = q.allowed();
    if (allowed != null) {
      sql.append(" AND allowed = ?");
      parameters.add(allowed);
    }
    sql.append(" ORDER BY time_s DESC, time_n DESC, id DESC LIMIT ?");
    parameters.add(q.limit());
    try {
      List<AuditEvent> newestFirst =
          db.pool()
              .call(
                  c -> {
                    try (PreparedStatement s = c.prepareStatement(sql.toString())) {
                      for (int i = 0; i < parameters.size(); i++) {
                        Object p = parameters.get(i);
                        if (p instanceof Boolean b) {
                          s.setBoolean(i + 1, b);
                        } else if (p instanceof String text) {
                          s.setString(i + 1, text);
                        } else {
                          s.setObject(i + 1, p, p instanceof Long ? Types.BIGINT : Types.INTEGER);
                        }
                      }
                      List<AuditEvent> out = new ArrayList<>();
                      try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                          out.add(event(r));
                        }
                      }
                      return out;
                    }
                  });
      Collections.reverse(newestFirst);
      return newestFirst;
    } catch (SQLException e) {
      throw db.failure("query the audit log", e);
    }
  }

  private static void filter(
      StringBuilder sql, List<Object> parameters, String column, @Nullable String value) {
    if (value != null) {
      sql.append(" AND ").append(column).append(" = ?");
      parameters.add(value);
    }
  }

  private static AuditEvent event(ResultSet r) throws SQLException {
    String digest = r.getString(7);
    return new AuditEvent(
        Instant.ofEpochSecond(r.getLong(1), r.getInt(2)),
        AuditLog.Operation.valueOf(r.getString(3)),
        r.getString(4),
        r.getString(5),
        r.getString(6),
        digest == null ? null : Digest.parse(digest),
        r.getString(8),
        r.getBoolean(9),
        r.getString(10),
        r.getString(11));
  }
}
