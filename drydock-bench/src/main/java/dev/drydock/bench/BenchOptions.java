package dev.drydock.bench;

import dev.drydock.model.InvalidValueException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which checks to run and where the host's files are.
 *
 * @param checks check IDs or ID prefixes to run ({@code 5.5}, {@code 1.1}); empty runs all
 * @param excludes check IDs or ID prefixes to skip
 * @param sections section numbers to run; empty runs all
 * @param maxLevel the highest CIS level to run: 1 runs level-1 checks only, 2 runs both
 * @param root the host's root directory; host files are read below it (tests point it at a built
 *     tree)
 * @param trustedUsers the users allowed in the {@code docker} group (check 1.1.2); empty means none
 *     was given, and the check lists the members for a person to confirm
 */
public record BenchOptions(
    Set<String> checks,
    Set<String> excludes,
    Set<Integer> sections,
    int maxLevel,
    Path root,
    List<String> trustedUsers) {

  private static final Pattern ID_PREFIX = Pattern.compile("[1-9][0-9]?(\\.[1-9][0-9]?){0,2}");

  /** Validates the selection. */
  public BenchOptions {
    checks = Set.copyOf(checks);
    excludes = Set.copyOf(excludes);
    sections = Set.copyOf(sections);
    for (String id : checks) {
      requireId(id, "--check");
    }
    for (String id : excludes) {
      requireId(id, "--exclude");
    }
    for (int s : sections) {
      if (s < 1 || s > 7) {
        throw new InvalidValueException(
            "CIS section", Integer.toString(s), "--section takes numbers from 1 to 7");
      }
    }
    if (maxLevel != 1 && maxLevel != 2) {
      throw new InvalidValueException(
          "CIS level", Integer.toString(maxLevel), "--level takes 1 or 2");
    }
    Objects.requireNonNull(root, "root");
    trustedUsers = List.copyOf(trustedUsers);
  }

  /** {@return options that run every check against the real host root} */
  public static BenchOptions all() {
    return new BenchOptions(Set.of(), Set.of(), Set.of(), 2, Path.of("/"), List.of());
  }

  /** {@return a copy with another host root} */
  public BenchOptions withRoot(Path newRoot) {
    return new BenchOptions(checks, excludes, sections, maxLevel, newRoot, trustedUsers);
  }

  /** {@return true when the options select this check} */
  public boolean selects(CheckInfo info) {
    if (info.level() > maxLevel) {
      return false;
    }
    if (!sections.isEmpty() && !sections.contains(info.section())) {
      return false;
    }
    if (!checks.isEmpty() && checks.stream().noneMatch(p -> covers(p, info.id()))) {
      return false;
    }
    return excludes.stream().noneMatch(p -> covers(p, info.id()));
  }

  static boolean covers(String prefix, String id) {
    return id.equals(prefix) || id.startsWith(prefix + ".");
  }

  private static void requireId(String id, String option) {
    if (!ID_PREFIX.matcher(id).matches()) {
      throw new InvalidValueException("CIS check ID", id, option + " takes IDs such as 5.5 or 1.1");
    }
  }
}
