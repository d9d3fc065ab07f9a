package dev.drydock.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The host's groups from {@code /etc/group}: {@code name:password:gid:member,member}. */
final class Groups {
  /** Caps the work on a hostile file. */
  static final int MAX_LINES = 100_000;

  /** One group. */
  record Group(String name, int gid, List<String> members) {
    Group {
      members = List.copyOf(members);
    }
  }

  private final Map<String, Group> byName;
  private final Map<Integer, Group> byGid;

  private Groups(Map<String, Group> byName, Map<Integer, Group> byGid) {
    this.byName = byName;
    this.byGid = byGid;
  }

  /** Parses the file's text; malformed lines are skipped, as getent does. */
  static Groups parse(String text) {
    Map<String, Group> byName = new HashMap<>();
    Map<Integer, Group> byGid = new HashMap<>();
    String[] lines = text.split("\n", MAX_LINES + 1);
    for (int i = 0; i < Math.min(lines.length, MAX_LINES); i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split(":", -1);
      if (f.length < 3 || f[0].isEmpty()) {
        continue;
      }
      int gid;
      try {
        gid = Integer.parseInt(f[2]);
      } catch (NumberFormatException e) {
        continue;
      }
      List<String> members = new ArrayList<>();
      if (f.length > 3) {
        for (String m : f[3].split(",", -1)) {
          if (!m.isBlank()) {
            members.add(m.strip());
          }
        }
      }
      Group g = new Group(f[0], gid, members);
      byName.putIfAbsent(g.name(), g);
      byGid.putIfAbsent(gid, g);
    }
    return new Groups(Map.copyOf(byName), Map.copyOf(byGid));
  }

  Optional<Group> byName(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** {@return the group's name, or the number when the host has no such group} */
  String nameOf(int gid) {
    Group g = byGid.get(gid);
    return g == null ? Integer.toString(gid) : g.name();
  }
}
