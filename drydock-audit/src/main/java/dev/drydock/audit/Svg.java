package dev.drydock.audit;

import java.util.List;
import java.util.Locale;

/**
 * Horizontal bar charts drawn as inline SVG on the server, so that the report needs no script and
 * no external resource. Colours come from CSS classes in the report's style sheet.
 */
final class Svg {
  private Svg() {}

  /** One part of a bar: a value and its CSS class (e.g. {@code sev-high}). */
  record Segment(int value, String cssClass, String label) {}

  /** One bar: its label and its stacked segments. */
  record Bar(String label, List<Segment> segments) {
    int total() {
      return segments.stream().mapToInt(Segment::value).sum();
    }
  }

  private static final int LABEL_WIDTH = 190;
  private static final int BAR_AREA = 250;
  private static final int ROW = 26;

  /** {@return an SVG chart with one row per bar, or a short note when all bars are empty} */
  static String bars(String id, String title, List<Bar> bars) {
    int max = bars.stream().mapToInt(Bar::total).max().orElse(0);
    int height = Math.max(1, bars.size()) * ROW + 8;
    int width = LABEL_WIDTH + BAR_AREA + 50;
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "<svg class=\"chart\" id=\"%s\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\""
                + ">",
            Html.esc(id),
            width,
            height,
            Html.esc(title)));
    b.append("<title>").append(Html.esc(title)).append("</title>");
    if (max == 0) {
      b.append("<text x=\"0\" y=\"18\" class=\"axis\">nothing to show</text></svg>");
      return b.toString();
    }
    int y = 4;
    for (Bar bar : bars) {
      b.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" class=\"axis\" text-anchor=\"end\">%s</text>",
              LABEL_WIDTH - 8,
              y + 16,
              Html.esc(shorten(bar.label(), 24))));
      double x = LABEL_WIDTH;
      for (Segment s : bar.segments()) {
        if (s.value() == 0) {
          continue;
        }
        double w = Math.max(2, (double) BAR_AREA * s.value() / max);
        b.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" class=\"%s\"><title>%s: %d"
                    + "</title></rect>",
                x,
                y + 3,
                w,
                ROW - 8,
                Html.esc(s.cssClass()),
                Html.esc(bar.label() + " " + s.label()),
                s.value()));
        x += w;
      }
      b.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" class=\"value\">%d</text>",
              x + 6,
              y + 16,
              bar.total()));
      y += ROW;
    }
    b.append("</svg>");
    return b.toString();
  }

  private static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
  }
}
