package dev.drydock.model;

import dev.drydock.report.Format;

/** A deliberate layering violation that LayeringTest must catch: model reaching up into report. */
public final class PlantedUpwardDependency {
  private PlantedUpwardDependency() {}

  /** {@return a value from a module above model} */
  public static Format upward() {
    return Format.JSON;
  }
}
