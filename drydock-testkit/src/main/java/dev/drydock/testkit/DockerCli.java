package dev.drydock.testkit;

import dev.drydock.engine.EngineEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code docker} CLI commands against one daemon, each bounded by a timeout, with output
 * captured and a typed error on failure.
 */
public final class DockerCli {
  /** The time a single command may take unless the caller says otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

  private final Commands commands;
  private final List<String> docker;
  private final EngineEndpoint endpoint;

  private DockerCli(Commands commands, List<String> docker, EngineEndpoint endpoint) {
    this.commands = commands;
    this.docker = docker;
    this.endpoint = endpoint;
  }

  /**
   * Creates a CLI runner for {@code endpoint}.
   *
   * @param endpoint a Unix or plain TCP daemon (the CLI would need certificate files for TLS)
   * @param env the environment for the {@code docker} processes, e.g. {@code System.getenv()}
   * @return the runner
   * @throws IllegalArgumentException if {@code endpoint} uses TLS
   */
  public static DockerCli of(EngineEndpoint endpoint, Map<String, String> env) {
    if (endpoint instanceof EngineEndpoint.Tls) {
      throw new IllegalArgumentException(
          "DockerCli drives the Unix socket or plain TCP; for "
              + endpoint.address()
              + " use its Unix socket");
    }
    String program = Executables.find(env, "docker").map(Object::toString).orElse("docker");
    return new DockerCli(
        new Commands(env), List.of(program, "--host", endpoint.address()), endpoint);
  }

  /** {@return the daemon this runner talks to} */
  public EngineEndpoint endpoint() {
    return endpoint;
  }

  /**
   * Runs {@code docker ARGS...} within {@link #DEFAULT_TIMEOUT} and requires success.
   *
   * @param args the arguments after {@code docker}
   * @return standard output without surrounding white space
   * @throws CommandFailedException if docker exits non-zero, times out or cannot start
   */
  public String run(String... args) throws CommandFailedException {
    return run(DEFAULT_TIMEOUT, Arrays.asList(args)).stdout().strip();
  }

  /**
   * Runs {@code docker ARGS...} within {@code timeout} and requires success.
   *
   * @param timeout how long the command may take
   * @param args the arguments after {@code docker}
   * @return the result, with exit code 0
   * @throws CommandFailedException if docker exits non-zero, times out or cannot start
   */
  public CommandResult run(Duration timeout, List<String> args) throws CommandFailedException {
    return commands.run(command(args), Map.of(), timeout);
  }

  /**
   * Runs {@code docker ARGS...} within {@code timeout}, whatever its exit code.
   *
   * @param timeout how long the command may take
   * @param args the arguments after {@code docker}
   * @return the result, with any exit code
   * @throws CommandFailedException if docker times out or cannot start
   */
  public CommandResult tryRun(Duration timeout, List<String> args) throws CommandFailedException {
    return commands.tryRun(command(args), Map.of(), timeout);
  }

  CommandResult run(Duration timeout, List<String> args, Map<String, String> extraEnv)
      throws CommandFailedException {
    return commands.run(command(args), extraEnv, timeout);
  }

  Commands commands() {
    return commands;
  }

  private List<String> command(List<String> args) {
    List<String> command = new ArrayList<>(docker);
    command.addAll(args);
    return command;
  }
}
