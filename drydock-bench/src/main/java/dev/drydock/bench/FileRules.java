package dev.drydock.bench;

import dev.drydock.model.Finding;
import dev.drydock.model.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Ownership and permission tests on host files, one finding per file. */
final class FileRules {
  private FileRules() {}

  /**
   * Checks that each file is owned by uid 0 and by {@code group}, whose gid is looked up in the
   * host's {@code /etc/group} ({@code root} is gid 0 everywhere).
   */
  static List<Finding> owner(
      CheckInfo info, BenchContext ctx, List<String> paths, String group, String noneReason)
      throws BenchException {
    HostFacts host = ctx.host();
    if (paths.isEmpty()) {
      return List.of(none(info, noneReason));
    }
    Groups groups = host.groups();
    Optional<Integer> wantedGid =
        group.equals("root") ? Optional.of(0) : groups.byName(group).map(Groups.Group::gid);
    List<Finding> out = new ArrayList<>();
    for (String path : paths) {
      Optional<HostFile> f = host.file(path);
      if (f.isEmpty()) {
        out.add(absent(info, host, path));
        continue;
      }
      HostFile file = f.get();
      String seen =
          path
              + " is owned by uid "
              + file.uid()
              + host.userName(file.uid()).map(n -> " (" + n + ")").orElse("")
              + ", gid "
              + file.gid()
              + " ("
              + groups.nameOf(file.gid())
              + ")";
      boolean ok = file.uid() == 0 && wantedGid.isPresent() && wantedGid.get() == file.gid();
      String why =
          ok
              ? ""
              : wantedGid.isEmpty()
                  ? "; the host has no group '" + group + "' in /etc/group"
                  : "; expected root:" + group + " (0:" + wantedGid.get() + ")";
      out.add(info.finding(ok ? Status.PASS : Status.FAIL, path, seen + why).build());
    }
    return out;
  }

  /** Checks that no permission bit outside {@code allowed} is set on each file. */
  static List<Finding> mode(
      CheckInfo info, BenchContext ctx, List<String> paths, int allowed, String noneReason)
      throws BenchException {
    HostFacts host = ctx.host();
    if (paths.isEmpty()) {
      return List.of(none(info, noneReason));
    }
    List<Finding> out = new ArrayList<>();
    for (String path : paths) {
      Optional<HostFile> f = host.file(path);
      if (f.isEmpty()) {
        out.add(absent(info, host, path));
        continue;
      }
      HostFile file = f.get();
      boolean ok = file.atMost(allowed);
      String evidence =
          path
              + " has mode "
              + file.octal()
              + (ok
                  ? ", within " + HostFile.octal(allowed)
                  : ", which sets bits "
                      + HostFile.octal(file.excess(allowed))
                      + " outside the allowed "
                      + HostFile.octal(allowed));
      out.add(info.finding(ok ? Status.PASS : Status.FAIL, path, evidence).build());
    }
    return out;
  }

  private static Finding absent(CheckInfo info, HostFacts host, String path) {
    return info.finding(
            Status.NOT_APPLICABLE,
            path,
            path + " does not exist on this host (looked under " + host.root() + ")")
        .build();
  }

  private static Finding none(CheckInfo info, String reason) {
    return info.finding(Status.NOT_APPLICABLE, "host", reason).build();
  }
}
