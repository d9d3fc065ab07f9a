package dev.drydock.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.model.Digest;
import dev.drydock.model.InvalidValueException;
import dev.drydock.registry.AuditLog.AuditEvent;
import dev.drydock.registry.AuditLog.Operation;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Renders an {@link AuditEvent} as one Elastic Common Schema (ECS 8.x) JSON object, the form the
 * SIEM ingests, and parses it back. Field mapping (ECS field reference, "Event", "Container",
 * "Source", "User", "Rule" and "Service" field sets):
 *
 * <ul>
 *   <li>{@code @timestamp}: the event time (ISO-8601, nanoseconds kept)
 *   <li>{@code event.kind} {@code event}; {@code event.category} {@code authentication} (login),
 *       {@code web} (pull, push, delete) or {@code iam} (administration); {@code event.type} {@code
 *       start} (login), {@code access}/{@code creation}/{@code deletion} plus {@code
 *       allowed}/{@code denied} (registry access), {@code change}+{@code admin} (administration)
 *   <li>{@code event.action} {@code registry-<operation>}, {@code event.outcome} {@code
 *       success}/{@code failure}, {@code event.reason}
 *   <li>{@code user.name} (absent for anonymous clients), {@code source.ip}/{@code source.port}
 *       ({@code source.address} when the remote is not an IP literal)
 *   <li>{@code container.image.name} (the repository), {@code container.image.tag} (a tag
 *       reference), {@code container.image.hash.all} (the resolved digest), {@code url.path} (the
 *       manifest path asked for, {@code /v2/<name>/manifests/<reference>})
 *   <li>{@code rule.name} (the deciding policy), {@code service.type} {@code drydock-registry}
 * </ul>
 */
public final class EcsAudit {
  /** The ECS version the events declare. */
  public static final String ECS_VERSION = "8.11.0";

  /** The {@code service.type} of every event. */
  public static final String SERVICE_TYPE = "drydock-registry";

  /** The longest JSON text {@link #parse} reads. */
  public static final int MAX_INPUT = 64 * 1024;

  private static final String ANONYMOUS = "anonymous";
  private static final String MANIFESTS = "/manifests/";
  private static final Pattern IPV4 = Pattern.compile("(?:\\d{1,3}\\.){3}\\d{1,3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
  private static final Pattern HOST_PORT =
      Pattern.compile("(?:\\[([^\\]]+)\\]|([^:\\[\\]]+)):(0|[1-9]\\d{0,4})");

  private final ObjectMapper json = new ObjectMapper();

  /** {@return the event as one line of ECS JSON} */
  public String render(AuditEvent e) {
    ObjectNode root = json.createObjectNode();
    root.put("@timestamp", e.time().toString());
    root.putObject("ecs").put("version", ECS_VERSION);
    ObjectNode event = root.putObject("event");
    event.put("kind", "event");
    event.putArray("category").add(category(e.operation()));
    ArrayNode type = event.putArray("type");
    switch (e.operation()) {
      case LOGIN -> type.add("start");
      case PULL -> type.add("access").add(e.allowed() ? "allowed" : "denied");
      case PUSH -> type.add("creation").add(e.allowed() ? "allowed" : "denied");
      case DELETE -> type.add("deletion").add(e.allowed() ? "allowed" : "denied");
      case ADMIN -> type.add("change").add("admin");
    }
    event.put("action", "registry-" + e.operation().name().toLowerCase(Locale.ROOT));
    event.put("outcome", e.allowed() ? "success" : "failure");
    putIfPresent(event, "reason", e.reason());
    if (!e.principal().equals(ANONYMOUS)) {
      root.putObject("user").put("name", e.principal());
    }
    String remote = e.remote();
    if (remote != null) {
      source(root.putObject("source"), remote);
    }
    String repository = e.repository();
    String reference = e.reference();
    Digest digest = e.digest();
    if (repository != null || digest != null) {
      ObjectNode image = root.putObject("container").putObject("image");
      if (repository != null) {
        image.put("name", repository);
        if (reference != null && !reference.contains(":")) {
          image.putArray("tag").add(reference);
        }
      }
      if (digest != null) {
        image.putObject("hash").putArray("all").add(digest.toString());
      }
    }
    if (repository != null && reference != null) {
      // The manifest endpoint the client asked (OCI distribution spec, "Pulling manifests").
      root.putObject("url").put("path", "/v2/" + repository + MANIFESTS + reference);
    }
    String policy = e.policy();
    if (policy != null) {
      root.putObject("rule").put("name", policy);
    }
    root.putObject("service").put("type", SERVICE_TYPE);
    try {
      return json.writeValueAsString(root);
    } catch (JsonProcessingException x) {
      throw new IllegalStateException("an ECS event does not serialise", x);
    }
  }

  private static String category(Operation operation) {
    return switch (operation) {
      case LOGIN -> "authentication";
      case PULL, PUSH, DELETE -> "web";
      case ADMIN -> "iam";
    };
  }

  private static void source(ObjectNode source, String remote) {
    Matcher m = HOST_PORT.matcher(remote);
    String host = remote;
    Integer port = null;
    if (m.matches()) {
      host = m.group(1) != null ? m.group(1) : m.group(2);
      int p = Integer.parseInt(m.group(3));
      if (p <= 65_535) {
        port = p;
      } else {
        host = remote;
      }
    }
    if (IPV4.matcher(host).matches() || IPV6.matcher(host).matches()) {
      source.put("ip", host);
    } else {
      source.put("address", host);
    }
    if (port != null) {
      source.put("port", port);
    }
  }

  private static void putIfPresent(ObjectNode node, String field, @Nullable String value) {
    if (value != null) {
      node.put(field, value);
    }
  }

  /**
   * Parses an event rendered by {@link #render} (the SIEM's view of it) back into an audit event.
   *
   * @throws InvalidValueException when the text is not such an event
   */
  public AuditEvent parse(String text) {
    if (text.length() > MAX_INPUT) {
      throw bad(text.length() + " characters", "at most " + MAX_INPUT);
    }
    JsonNode root;
    try {
      root = json.readTree(text);
    } catch (JsonProcessingException e) {
      throw bad("not JSON", "expected one ECS JSON object");
    }
    if (root == null || !root.isObject()) {
      throw bad("not a JSON object", "expected one ECS JSON object");
    }
    if (!SERVICE_TYPE.equals(text(root, "service", "type"))) {
      throw bad("service.type", "expected " + SERVICE_TYPE);
    }
    String action = required(root, "event", "action");
    if (!action.startsWith("registry-")) {
      throw bad("event.action " + action, "expected registry-<operation>");
    }
    Operation operation;
    try {
      operation = Operation.valueOf(action.substring(9).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw bad("event.action " + action, "unknown operation");
    }
    Instant time;
    try {
      time = Instant.parse(required(root, "@timestamp"));
    } catch (DateTimeParseException e) {
      throw bad("@timestamp", "expected an ISO-8601 instant");
    }
    String outcome = required(root, "event", "outcome");
    if (!outcome.equals("success") && !outcome.equals("failure")) {
      throw bad("event.outcome " + outcome, "expected success or failure");
    }
    String user = text(root, "user", "name");
    JsonNode hashes = root.path("container").path("image").path("hash").path("all");
    Digest digest = null;
    if (hashes.isArray() && hashes.size() > 0) {
      digest = Digest.parse(hashes.get(0).asText());
    }
    String repository = text(root, "container", "image", "name");
    String path = text(root, "url", "path");
    String reference = null;
    if (repository != null && path != null) {
      String prefix = "/v2/" + repository + MANIFESTS;
      if (!path.startsWith(prefix) || path.length() == prefix.length()) {
        throw bad("url.path " + path, "expected " + prefix + "<reference>");
      }
      reference = path.substring(prefix.length());
    }
    return new AuditEvent(
        time,
        operation,
        user == null ? ANONYMOUS : user,
        repository,
        reference,
        digest,
        remote(root.path("source")),
        outcome.equals("success"),
        text(root, "rule", "name"),
        text(root, "event", "reason"));
  }

  private static @Nullable String remote(JsonNode source) {
    String host = source.path("ip").isTextual() ? source.path("ip").asText() : null;
    if (host == null && source.path("address").isTextual()) {
      host = source.path("address").asText();
    }
    if (host == null) {
      return null;
    }
    JsonNode port = source.path("port");
    if (!port.canConvertToInt()) {
      return host;
    }
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port.intValue();
  }

  private static @Nullable String text(JsonNode root, String... path) {
    JsonNode node = root;
    for (String part : path) {
      node = node.path(part);
    }
    return node.isTextual() ? node.asText() : null;
  }

  private static String required(JsonNode root, String... path) {
    String value = text(root, path);
    if (value == null) {
      throw bad(String.join(".", path), "the field is missing or not text");
    }
    return value;
  }

  private static InvalidValueException bad(String value, String remedy) {
    return new InvalidValueException("ECS audit event", value, remedy);
  }
}
