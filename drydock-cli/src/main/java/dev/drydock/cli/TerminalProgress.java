package dev.drydock.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A one-line progress display on standard error for long commands: a phase name, a bar when the
 * total is known, and a count (bytes or items). It redraws the same line with a carriage return, at
 * most every {@value #REDRAW_NANOS} ns, and erases it when done, so that nothing of it remains in
 * front of a report printed afterwards.
 *
 * <p>It is only shown when standard error is an interactive terminal and the user did not ask for
 * quiet output ({@link #forCommand}); otherwise every method does nothing. Standard output and
 * {@code -o} files never see it. Safe to call from several threads (e.g. a reader thread counting
 * bytes while the command waits).
 *
 * <pre>{@code
 * try (TerminalProgress progress = TerminalProgress.forCommand(root, noProgress)) {
 *   progress.phase("download layers", TerminalProgress.Unit.BYTES);
 *   progress.total(layerBytes);
 *   progress.advance(read);          // as bytes arrive
 *   progress.phase("match");         // items: packages, checks, ...
 *   progress.total(packages.size());
 *   progress.advance(1);
 * }                                  // close() = done()
 * }</pre>
 */
final class TerminalProgress implements AutoCloseable {
  /** What {@link #advance} counts: shown as MiB for bytes, as a plain number for items. */
  enum Unit {
    /** Bytes, shown as KiB/MiB/GiB. */
    BYTES,
    /** Things such as packages or checks, shown as a number. */
    ITEMS
  }

  /** The least time between two redraws, so that a fast loop does not flood the terminal. */
  static final long REDRAW_NANOS = 100_000_000L;

  private static final int BAR_WIDTH = 24;
  private static final int MAX_LINE = 78;

  private final PrintWriter err;
  private final boolean enabled;
  private final LongSupplier nanoTime;
  private String phase = "";
  private Unit unit = Unit.ITEMS;
  private long total = -1;
  private long done;
  private long lastDraw;
  private boolean drawnSinceChange;
  private int lastWidth;

  /**
   * @param err where to draw (standard error)
   * @param enabled false for a progress that does nothing
   * @param nanoTime a monotonic clock in nanoseconds (tests pass a fake one)
   */
  TerminalProgress(PrintWriter err, boolean enabled, LongSupplier nanoTime) {
    this.err = Objects.requireNonNull(err, "err");
    this.enabled = enabled;
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  /**
   * {@return the progress for a command: shown only when standard error is a terminal, and neither
   * {@code --quiet} nor {@code off} (a command's {@code --no-progress}) is given}
   *
   * @param root the root command (its context says whether there is a terminal)
   * @param off true when the command's {@code --no-progress} was given
   */
  static TerminalProgress forCommand(Drydock root, boolean off) {
    CliContext context = root.context();
    return new TerminalProgress(
        context.err(), context.terminal() && !root.quiet() && !off, System::nanoTime);
  }

  /** {@return a progress that draws nothing} */
  static TerminalProgress off(PrintWriter err) {
    return new TerminalProgress(err, false, () -> 0L);
  }

  /** {@return true when this progress draws} */
  boolean enabled() {
    return enabled;
  }

  /** Starts a phase counting items, with an unknown total until {@link #total} is called. */
  void phase(String name) {
    phase(name, Unit.ITEMS);
  }

  /** Starts a phase counting {@code unit}, with an unknown total until {@link #total} is called. */
  synchronized void phase(String name, Unit unit) {
    this.phase = Objects.requireNonNull(name, "name");
    this.unit = Objects.requireNonNull(unit, "unit");
    this.total = -1;
    this.done = 0;
    this.drawnSinceChange = false;
    draw(true);
  }

  /** Sets the current phase's total (bytes or items); a negative value means unknown. */
  synchronized void total(long value) {
    this.total = value < 0 ? -1 : value;
    draw(true);
  }

  /** Counts {@code delta} more bytes or items of the current phase done. */
  synchronized void advance(long delta) {
    if (delta <= 0) {
      return;
    }
    done += delta;
    draw(false);
  }

  /** Erases the line; the next {@link #phase} draws again. */
  synchronized void done() {
    if (enabled && lastWidth > 0) {
      err.print("\r" + " ".repeat(lastWidth) + "\r");
      err.flush();
    }
    lastWidth = 0;
    phase = "";
  }

  /** Same as {@link #done()}. */
  @Override
  public void close() {
    done();
  }

  private void draw(boolean force) {
    if (!enabled || phase.isEmpty()) {
      return;
    }
    long now = nanoTime.getAsLong();
    if (!force && drawnSinceChange && now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    drawnSinceChange = true;
    String line = line(phase, unit, done, total);
    StringBuilder out = new StringBuilder(line.length() + lastWidth + 1).append('\r').append(line);
    if (line.length() < lastWidth) {
      out.append(" ".repeat(lastWidth - line.length()));
    }
    lastWidth = line.length();
    err.print(out);
    err.flush();
  }

  /**
   * {@return the text of one progress line, at most {@value #MAX_LINE} characters}: {@code phase
   * [#####.....] 42% 1.2/2.9 MiB}, or without bar and percentage when the total is unknown.
   */
  static String line(String phase, Unit unit, long done, long total) {
    String name = phase.length() > 30 ? phase.substring(0, 29) + "…" : phase;
    StringBuilder b = new StringBuilder("drydock: ").append(name);
    if (total > 0) {
      long shown = Math.min(done, total);
      int filled = (int) (shown * BAR_WIDTH / total);
      b.append(" [")
          .append("#".repeat(filled))
          .append(".".repeat(BAR_WIDTH - filled))
          .append("] ")
          .append(String.format(Locale.ROOT, "%3d%%", shown * 100 / total))
          .append("  ")
          .append(amount(unit, done, total));
    } else if (total == 0) {
      b.append("  ").append(amount(unit, done, 0));
    } else if (done > 0) {
      b.append("  ").append(amount(unit, done, -1));
    }
    String line = b.toString();
    return line.length() > MAX_LINE ? line.substring(0, MAX_LINE) : line;
  }

  private static String amount(Unit unit, long done, long total) {
    return switch (unit) {
      case ITEMS -> total >= 0 ? done + "/" + total : Long.toString(done);
      case BYTES -> total >= 0 ? size(done) + " / " + size(total) : size(done);
    };
  }

  /** {@return a byte count as B, KiB, MiB or GiB with one decimal} */
  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes / 1024.0;
    int i = 0;
    while (value >= 1024 && i < units.length - 1) {
      value /= 1024;
      i++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[i]);
  }
}
