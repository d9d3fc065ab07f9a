package dev.drydock.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * Splits {@code --san} values on commas, as in {@code --san DNS:a,IP:10.0.0.5}. A URI may itself
 * contain commas, so everything after {@code URI:} up to the end of that argument is one name: a
 * comma inside a URI can never smuggle in an extra DNS name. Give further names in another {@code
 * --san}.
 */
final class SanArguments {
  @Option(
      names = "--san",
      paramLabel = "SAN",
      description =
          "Subject alternative names, e.g. DNS:registry.local,IP:10.0.0.5,URI:spiffe://x;"
              + " repeatable. Everything after URI: is one URI.")
  List<String> arguments = new ArrayList<>();

  /** {@return the names given, split as the class comment says} */
  List<String> names() {
    return split(arguments);
  }

  static List<String> split(List<String> arguments) {
    List<String> names = new ArrayList<>();
    for (String argument : arguments) {
      String rest = argument;
      while (!rest.isEmpty()) {
        if (rest.toUpperCase(Locale.ROOT).startsWith("URI:")) {
          names.add(rest);
          break;
        }
        int comma = rest.indexOf(',');
        names.add(comma < 0 ? rest : rest.substring(0, comma));
        rest = comma < 0 ? "" : rest.substring(comma + 1);
      }
    }
    return names;
  }
}
