package dev.drydock.cli;

import dev.drydock.audit.AuditProgress;

/**
 * Shows an audit's progress on the terminal: the phase, and during the image phase which image was
 * scanned last with a bar over all images.
 */
final class AuditProgressBar implements AuditProgress {
  private final TerminalProgress progress;
  private String phase = "";
  private int total;
  private int done;

  AuditProgressBar(TerminalProgress progress) {
    this.progress = progress;
  }

  @Override
  public void phase(String name, int total) {
    this.phase = name;
    this.total = total;
    this.done = 0;
    progress.phase(name);
    if (total > 0) {
      progress.total(total);
    }
  }

  @Override
  public void advance(String item) {
    done++;
    // TerminalProgress names a phase, not an item: restart the phase with the item in its name,
    // restore the count, then set the total, which redraws at once (advance alone is throttled).
    progress.phase(phase + " " + item);
    progress.advance(done);
    progress.total(total > 0 ? total : -1);
  }
}
