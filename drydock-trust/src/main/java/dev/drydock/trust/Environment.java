package dev.drydock.trust;

import java.util.Locale;

/**
 * The pipeline stage a key signs for. Keys are bound to one environment; a dev signature never
 * satisfies a prod requirement (promotion adds a prod signature instead).
 */
public enum Environment {
  /** Development builds: signed by CI. */
  DEV,
  /** Production: signed on promotion. */
  PROD;

  /** {@return the lower-case name used in paths and policy files} */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * {@return the environment named {@code text} ({@code dev} or {@code prod}, any case)}
   *
   * @throws IllegalArgumentException for any other text
   */
  public static Environment parse(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "dev" -> DEV;
      case "prod" -> PROD;
      default ->
          throw new IllegalArgumentException(
              "unknown environment \"" + text + "\"; expected dev or prod");
    };
  }
}
