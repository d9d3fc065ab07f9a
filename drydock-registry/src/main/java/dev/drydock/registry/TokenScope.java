package dev.drydock.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One resource scope, as requested ({@code scope=repository:library/busybox:pull,push}) and as
 * granted in a token's {@code access} claim. See
 * https://distribution.github.io/distribution/spec/auth/scope/ for the grammar: the type runs to
 * the first colon, the actions follow the last colon, and the name is what lies between (it may
 * itself hold a colon, as in {@code host:5000/app}).
 *
 * @param type resource type, e.g. {@code repository}
 * @param name resource name, e.g. {@code library/busybox}
 * @param actions distinct actions in request order, e.g. {@code [pull, push]}; never empty
 */
public record TokenScope(String type, String name, List<String> actions) {
  /** How many scopes one request may carry; more is refused rather than processed. */
  public static final int MAX_SCOPES = 32;

  private static final int MAX_ACTIONS = 8;
  private static final Pattern TYPE = Pattern.compile("[a-z0-9]{1,32}(?:\\([a-z0-9]{1,32}\\))?");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._/:-]{1,255}");
  private static final Pattern ACTION = Pattern.compile("[a-z]{1,32}|\\*");

  /** Validates the parts; actions are de-duplicated keeping their order. */
  public TokenScope {
    if (!TYPE.matcher(type).matches()) {
      throw new IllegalArgumentException("bad resource type '" + type + "'");
    }
    if (!NAME.matcher(name).matches() || ("repository".equals(type) && !Refs.isName(name))) {
      throw new IllegalArgumentException("bad resource name '" + name + "'");
    }
    Set<String> distinct = new LinkedHashSet<>(actions);
    if (distinct.isEmpty() || distinct.size() > MAX_ACTIONS) {
      throw new IllegalArgumentException("a scope needs 1 to " + MAX_ACTIONS + " actions");
    }
    for (String action : distinct) {
      if (!ACTION.matcher(action).matches()) {
        throw new IllegalArgumentException("bad action '" + action + "'");
      }
    }
    actions = List.copyOf(distinct);
  }

  /**
   * Parses one scope string, {@code type:name:action[,action...]}.
   *
   * @throws TokenException (MALFORMED) naming the scope if it does not follow the grammar
   */
  public static TokenScope parse(String scope) throws TokenException {
    int first = scope.indexOf(':');
    int last = scope.lastIndexOf(':');
    if (scope.length() > 400 || first < 0 || last == first) {
      throw malformed(scope, "expected type:name:actions");
    }
    String actions = scope.substring(last + 1);
    if (actions.isEmpty() || actions.startsWith(",") || actions.endsWith(",")) {
      throw malformed(scope, "empty action");
    }
    try {
      return new TokenScope(
          scope.substring(0, first),
          scope.substring(first + 1, last),
          List.of(actions.split(",", -1)));
    } catch (IllegalArgumentException e) {
      throw malformed(scope, String.valueOf(e.getMessage()));
    }
  }

  /**
   * Parses the {@code scope} parameters of one token request: each may hold several scopes
   * separated by spaces. Scopes for the same resource are merged (their actions united).
   *
   * @throws TokenException (MALFORMED) if any scope is malformed or there are too many
   */
  public static List<TokenScope> parseAll(List<String> parameters) throws TokenException {
    Map<String, TokenScope> merged = new LinkedHashMap<>();
    int count = 0;
    for (String parameter : parameters) {
      for (String part : parameter.split(" ", -1)) {
        if (part.isEmpty()) {
          continue;
        }
        if (++count > MAX_SCOPES) {
          throw malformed(part, "more than " + MAX_SCOPES + " scopes in one request");
        }
        TokenScope scope = parse(part);
        try {
          merged.merge(scope.type() + ":" + scope.name(), scope, TokenScope::union);
        } catch (IllegalArgumentException e) {
          throw malformed(part, String.valueOf(e.getMessage()));
        }
      }
    }
    return List.copyOf(merged.values());
  }

  /** {@return whether this scope grants {@code action} on resource {@code type:name}} */
  public boolean covers(String type, String name, String action) {
    return this.type.equals(type)
        && this.name.equals(name)
        && (actions.contains(action) || actions.contains("*"));
  }

  /**
   * {@return this scope with only the actions {@code allowed} also holds, in request order, or null
   * if none remain}
   */
  @Nullable TokenScope retain(Set<String> allowed) {
    List<String> kept = new ArrayList<>(actions);
    kept.retainAll(allowed);
    return kept.isEmpty() ? null : new TokenScope(type, name, kept);
  }

  /** {@return the canonical scope string} */
  @Override
  public String toString() {
    return type + ":" + name + ":" + String.join(",", actions);
  }

  private static TokenScope union(TokenScope a, TokenScope b) {
    List<String> all = new ArrayList<>(a.actions);
    all.addAll(b.actions);
    return new TokenScope(a.type, a.name, all);
  }

  private static TokenException malformed(String scope, String why) {
    String shown = scope.length() > 80 ? scope.substring(0, 80) + "..." : scope;
    return new TokenException(
        TokenException.Reason.MALFORMED,
        "scope '" + shown + "' is malformed (" + why + "); use repository:<name>:pull[,push]");
  }
}
