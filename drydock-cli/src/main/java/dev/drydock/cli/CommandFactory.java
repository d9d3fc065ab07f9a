package dev.drydock.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/**
 * Creates command objects, giving each that wants one the {@link CliContext} through a constructor
 * taking it; other classes (mixins, converters) get picocli's default.
 */
final class CommandFactory implements CommandLine.IFactory {
  private final CliContext context;
  private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

  CommandFactory(CliContext context) {
    this.context = context;
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    for (Constructor<?> c : type.getDeclaredConstructors()) {
      Class<?>[] params = c.getParameterTypes();
      if (params.length == 1 && params[0] == CliContext.class) {
        return type.cast(c.newInstance(context));
      }
    }
    return fallback.create(type);
  }
}
