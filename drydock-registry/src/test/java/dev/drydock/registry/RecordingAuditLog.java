package dev.drydock.registry;

import java.util.ArrayList;
import java.util.List;

/** An audit log that keeps events in memory so tests can read what the server recorded. */
final class RecordingAuditLog implements AuditLog {
  private final List<AuditEvent> events = new ArrayList<>();

  @Override
  public synchronized void record(AuditEvent event) {
    events.add(event);
  }

  @Override
  public synchronized List<AuditEvent> query(AuditQuery query) {
    return events.stream()
        .filter(e -> query.operation() == null || e.operation() == query.operation())
        .filter(e -> query.allowed() == null || e.allowed() == query.allowed())
        .filter(e -> query.principal() == null || e.principal().equals(query.principal()))
        .limit(query.limit())
        .toList();
  }

  synchronized List<AuditEvent> events() {
    return List.copyOf(events);
  }
}
