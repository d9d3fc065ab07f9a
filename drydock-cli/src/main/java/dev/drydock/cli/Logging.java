package dev.drydock.cli;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Libraries log through {@code System.Logger}, which the JDK routes to java.util.logging. The CLI
 * shows warnings only, and everything from drydock with {@code --debug}.
 */
final class Logging {
  private Logging() {}

  static void configure(boolean debug) {
    Logger root = Logger.getLogger("");
    Level level = debug ? Level.FINE : Level.WARNING;
    root.setLevel(level);
    for (Handler h : root.getHandlers()) {
      h.setLevel(level);
    }
  }
}
