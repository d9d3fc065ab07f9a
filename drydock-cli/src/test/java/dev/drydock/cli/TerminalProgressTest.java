package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {
  private final StringWriter sink = new StringWriter();
  private final AtomicLong now = new AtomicLong();

  private TerminalProgress progress(boolean enabled) {
    return new TerminalProgress(new PrintWriter(sink, true), enabled, now::get);
  }

  @Test
  void line_withTotal_hasBarPercentAndSizes() {
    assertThat(
            TerminalProgress.line(
                "download layers", TerminalProgress.Unit.BYTES, 3L << 20, 12L << 20))
        .isEqualTo("drydock: download layers [######..................]  25%  3.0 MiB / 12.0 MiB");
    assertThat(TerminalProgress.line("match", TerminalProgress.Unit.ITEMS, 7, 7))
        .isEqualTo("drydock: match [########################] 100%  7/7");
  }

  @Test
  void line_withoutTotal_showsTheCountOnly_andNeverOverflows() {
    assertThat(TerminalProgress.line("export image", TerminalProgress.Unit.BYTES, 1536, -1))
        .isEqualTo("drydock: export image  1.5 KiB");
    assertThat(TerminalProgress.line("catalogue", TerminalProgress.Unit.ITEMS, 0, -1))
        .isEqualTo("drydock: catalogue");
    assertThat(TerminalProgress.line("x", TerminalProgress.Unit.ITEMS, 12, 5))
        .contains("100%")
        .contains("12/5");
    String longName = "a".repeat(60);
    assertThat(TerminalProgress.line(longName, TerminalProgress.Unit.BYTES, 1L << 40, 1L << 41))
        .hasSizeLessThanOrEqualTo(78)
        .contains("…");
  }

  @Test
  void size_units() {
    assertThat(TerminalProgress.size(0)).isEqualTo("0 B");
    assertThat(TerminalProgress.size(1023)).isEqualTo("1023 B");
    assertThat(TerminalProgress.size(1024)).isEqualTo("1.0 KiB");
    assertThat(TerminalProgress.size(5L << 30)).isEqualTo("5.0 GiB");
    assertThat(TerminalProgress.size(3L << 40)).isEqualTo("3.0 TiB");
  }

  @Test
  void disabled_writesNothing() {
    TerminalProgress p = progress(false);
    p.phase("download", TerminalProgress.Unit.BYTES);
    p.total(100);
    p.advance(50);
    p.done();
    assertThat(p.enabled()).isFalse();
    assertThat(sink.toString()).isEmpty();
    TerminalProgress off = TerminalProgress.off(new PrintWriter(sink));
    off.phase("x");
    off.close();
    assertThat(sink.toString()).isEmpty();
  }

  @Test
  void redraws_sameLine_throttled_andErasesWhenDone() {
    TerminalProgress p = progress(true);
    p.phase("download", TerminalProgress.Unit.ITEMS);
    p.total(10);
    p.advance(1); // same instant: throttled
    p.advance(1);
    now.addAndGet(TerminalProgress.REDRAW_NANOS);
    p.advance(1);
    String drawn = sink.toString();
    assertThat(drawn).doesNotContain("\n");
    assertThat(drawn.split("\r", -1))
        .containsExactly(
            "",
            "drydock: download",
            "drydock: download [........................]   0%  0/10",
            "drydock: download [#######.................]  30%  3/10");

    sink.getBuffer().setLength(0);
    p.phase("match");
    assertThat(sink.toString())
        .as("a shorter line blanks the rest of the longer one")
        .isEqualTo("\rdrydock: match" + " ".repeat(55 - "drydock: match".length()));

    sink.getBuffer().setLength(0);
    p.close();
    assertThat(sink.toString()).isEqualTo("\r" + " ".repeat("drydock: match".length()) + "\r");
    sink.getBuffer().setLength(0);
    p.done();
    p.advance(5);
    assertThat(sink.toString()).as("nothing after done until the next phase").isEmpty();
  }

  @Test
  void forCommand_followsTerminalQuietAndNoProgress() {
    assertThat(forCommand(true, false, false)).isTrue();
    assertThat(forCommand(false, false, false)).isFalse();
    assertThat(forCommand(true, true, false)).isFalse();
    assertThat(forCommand(true, false, true)).isFalse();
  }

  private boolean forCommand(boolean terminal, boolean quiet, boolean off) {
    CliContext context =
        new CliContext(
            java.util.Map.of(),
            java.time.Clock.systemUTC(),
            new PrintWriter(new StringWriter()),
            new PrintWriter(sink),
            java.nio.file.Path.of("/nonexistent"),
            terminal);
    Drydock root = new Drydock(context);
    root.setQuiet(quiet);
    return TerminalProgress.forCommand(root, off).enabled();
  }
}
