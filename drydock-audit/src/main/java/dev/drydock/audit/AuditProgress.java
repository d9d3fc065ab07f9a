package dev.drydock.audit;

/**
 * Where an audit reports how far it is: the phase, its size, and each item done. The CLI draws a
 * progress bar from it; libraries never print. Calls come from one thread at a time.
 */
public interface AuditProgress {
  /** Does nothing: for tests and quiet runs. */
  AuditProgress NONE =
      new AuditProgress() {
        @Override
        public void phase(String name, int total) {}

        @Override
        public void advance(String item) {}
      };

  /** A new phase starts, with {@code total} items (0 when not counted). */
  void phase(String name, int total);

  /** One item of the current phase is done. */
  void advance(String item);
}
