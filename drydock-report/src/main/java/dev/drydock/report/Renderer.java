package dev.drydock.report;

import dev.drydock.model.Report;
import java.io.IOException;
import java.io.Writer;

/** Writes a report in one format. Implementations are stateless and thread-safe. */
public sealed interface Renderer permits TableRenderer, JsonRenderer, SarifRenderer, JunitRenderer {

  /**
   * Writes {@code report} to {@code out}; does not close it.
   *
   * @throws IOException when writing fails
   */
  void render(Report report, Writer out) throws IOException;

  /** {@return the renderer for a machine format, or the table with the given options} */
  static Renderer of(Format format, TableOptions tableOptions) {
    return switch (format) {
      case TABLE -> new TableRenderer(tableOptions);
      case JSON -> new JsonRenderer();
      case SARIF -> new SarifRenderer();
      case JUNIT -> new JunitRenderer();
    };
  }
}
