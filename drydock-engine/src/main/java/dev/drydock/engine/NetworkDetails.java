package dev.drydock.engine;

import java.util.Map;
import java.util.Objects;

/**
 * What {@code GET /networks} and {@code GET /networks/{id}} tell a security audit about one
 * network.
 *
 * @param id the network ID
 * @param name its name, e.g. {@code bridge}
 * @param driver e.g. {@code bridge}, {@code overlay}, {@code host}, {@code null}
 * @param scope {@code local} or {@code swarm}
 * @param internal whether it has no route outside ({@code --internal})
 * @param options the driver options, e.g. {@code com.docker.network.bridge.name=docker0} or {@code
 *     encrypted}
 * @param labels its labels
 * @param containers the attached containers, ID to name; only an inspect fills this, a list leaves
 *     it empty
 * @see <a
 *     href="https://docs.docker.com/reference/api/engine/version/v1.41/#tag/Network">Network</a>
 */
public record NetworkDetails(
    String id,
    String name,
    String driver,
    String scope,
    boolean internal,
    Map<String, String> options,
    Map<String, String> labels,
    Map<String, String> containers) {

  /** The driver option that names a bridge network's Linux bridge. */
  public static final String BRIDGE_NAME_OPTION = "com.docker.network.bridge.name";

  /** Copies the maps and rejects nulls. */
  public NetworkDetails {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(scope, "scope");
    options = Map.copyOf(options);
    labels = Map.copyOf(labels);
    containers = Map.copyOf(containers);
  }

  /** {@return the Linux bridge's name (e.g. {@code docker0}); empty if not a named bridge} */
  public String bridgeName() {
    return options.getOrDefault(BRIDGE_NAME_OPTION, "");
  }

  /**
   * {@return whether traffic between nodes is encrypted: the {@code encrypted} option is present
   * and not {@code false}}
   */
  public boolean encrypted() {
    String value = options.get("encrypted");
    return value != null && !value.equalsIgnoreCase("false");
  }
}
